import Testing
@testable import Analysis

@Suite struct MatrixTests {
    @Test func rowMajorSubscriptAndGather() {
        var m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m[1, 0] == 4)
        m[0, 2] = 9
        #expect(m.values == [1, 2, 9, 4, 5, 6])
        #expect(m.row(1) == [4, 5, 6])
        #expect(m.gatherRows([1, 1, 0]).values == [4, 5, 6, 4, 5, 6, 1, 2, 9])
    }
}

@Suite struct StandardizationTests {
    @Test func populationStandardDeviationAndZeroVarianceColumn() {
        // Column 0: 1,2,3,4 → mean 2.5, population variance 1.25. Column 1: constant 0.1,
        // whose computed mean is not exactly 0.1 (rounding), yet must give z = 0, never NaN.
        let data = Matrix([[1, 0.1], [2, 0.1], [3, 0.1], [4, 0.1]])
        let fit = Standardization.fit(data, threads: 1)
        #expect(approximatelyEqual(fit.means[0], 2.5))
        #expect(approximatelyEqual(fit.scales[0], 1.25.squareRoot()))
        #expect(fit.scales[1] == 1)
        #expect(fit.zeroVarianceColumns == [1])
        let z = fit.transform(data, threads: 1)
        for i in 0..<4 {
            #expect(approximatelyEqual(z[i, 0], (Double(i + 1) - 2.5) / 1.25.squareRoot()))
            #expect(z[i, 1] == 0)
        }
        // z-scores have mean 0 and population variance 1.
        let column = (0..<4).map { z[$0, 0] }
        #expect(abs(column.reduce(0, +)) < 1e-12)
        #expect(approximatelyEqual(column.map { $0 * $0 }.reduce(0, +) / 4, 1))
    }

    @Test func threadCountDoesNotChangeTheFit() {
        let data = randomMatrix(rows: 20_000, columns: 3, seed: 11)
        let one = Standardization.fit(data, threads: 1)
        let two = Standardization.fit(data, threads: 2)
        let three = Standardization.fit(data, threads: 3)
        #expect(one == two && two == three)
        #expect(one.transform(data, threads: 1) == one.transform(data, threads: 3))
    }
}
