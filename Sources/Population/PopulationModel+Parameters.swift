extension PopulationModel {
    /// Every parameter of the model as compact JSON with sorted keys; identical for identical
    /// models, so it can be stored with each seed batch and compared. Top-level keys:
    /// `age`, `age_groups`, `categories`, `demographics`, `email_domains`, `generator_version`,
    /// `liked_posts`, `name_cultures`, `personas`, `stream_fields`, `subcategories`,
    /// `username_patterns`. `demographics` holds the reference moment of the dates of birth, the
    /// phone share, the countries of each culture with their weights, and per country its calling
    /// code, postal format, phone length, reserved range and number of cities (the cities
    /// themselves, like the names, are counted, not listed: `Places`).
    public var parametersDescription: String { parametersDescription(timeline: nil) }

    /// `parametersDescription`, with the key `interactions` describing `timeline` when given
    /// (and `generator_version` then `timelineGeneratorVersion`).
    public func parametersDescription(timeline: InteractionModel?) -> String {
        let ageJSON: JSONText = .object([
            "distribution": .string("skew_normal_rounded_clipped"),
            "location_xi": .number(age.skewNormal.location),
            "scale_omega": .number(age.skewNormal.scale),
            "shape_alpha": .number(age.skewNormal.shape),
            "minimum": .integer(age.minimum),
            "maximum": .integer(age.maximum),
            "unit": .string("years"),
        ])
        let likedPostsJSON: JSONText = .object([
            "distribution": .string("zero_inflated_discretised_lognormal"),
            "median": .number(likedPosts.median),
            "sigma": .number(likedPosts.sigma),
            "lurker_share": .number(likedPosts.lurkerShare),
            "minimum_active": .integer(1),
            "maximum": .integer(likedPosts.maximum),
        ])
        let ageGroupsJSON: JSONText = .array(ageGroups.map { group in
            var members: [String: JSONText] = ["index": .integer(group.index), "label": .string(group.label)]
            if let lower = group.lowerBound { members["lower_bound"] = .integer(lower) }
            if let upper = group.upperBound { members["upper_bound"] = .integer(upper) }
            return .object(members)
        })
        let personasJSON: JSONText = .array(personas.map { persona in
            var weights: [String: JSONText] = [:]
            for group in ageGroups {
                weights[group.label] = .number(persona.ageGroupWeights[group.index])
            }
            var genders: [String: JSONText] = [:]
            for gender in PopulationGender.allCases {
                genders[gender.label] = .number(persona.genderWeights[Int(gender.rawValue)])
            }
            return .object([
                "weight_by_gender": .object(genders),
                "id": .integer(persona.id),
                "name": .string(persona.name),
                "category_id": .integer(persona.categoryID),
                "dirichlet_alpha": .array(persona.alpha.map { .number($0) }),
                "weight_by_age_group": .object(weights),
            ])
        })
        let culturesJSON: JSONText = .array(nameCultures.map { culture in
            .object([
                "name": .string(culture.name),
                "weight": .number(culture.weight),
                "first_names": .integer(culture.firstNames.count),
                "last_names": .integer(culture.lastNames.count),
            ])
        })
        let asOf = timeline?.asOf ?? Self.defaultAsOf
        let demographicsJSON: JSONText = .object([
            "date_of_birth_as_of": .integer(Int(asOf)),
            "date_of_birth_as_of_iso": .string(CivilCalendar.isoDateTime(ofSecond: asOf)),
            "phone_share": .number(demographics.phoneShare),
            "countries_by_culture": .object(Dictionary(uniqueKeysWithValues: nameCultures.enumerated().map { index, culture in
                let cumulative = demographics.cultureCumulative[index]
                return (culture.name, JSONText.array(demographics.cultureCountries[index].enumerated().map { position, country in
                    .object(["country": .string(demographics.countries[country].code),
                             "share": .number(cumulative[position] - (position == 0 ? 0 : cumulative[position - 1]))])
                }))
            })),
            "countries": .array(Places.countries.map { country in
                var members: [String: JSONText] = [
                    "code": .string(country.code),
                    "calling_code": .integer(country.callingCode),
                    "phone_digits": .integer(country.phoneDigits),
                    "phone_lowest": .integer(country.phoneLowest),
                    "cities": .integer(country.cities.count),
                ]
                if let format = country.postalFormat { members["postal_format"] = .string(format) }
                if !country.postalAlphabet.isEmpty { members["postal_alphabet"] = .string(country.postalAlphabet) }
                if let fiction = country.fiction { members["phone_fiction_range"] = .string(fiction) }
                return .object(members)
            }),
        ])
        var root: [String: JSONText] = [
            "demographics": demographicsJSON,
            "generator_version": .integer(timeline == nil ? Self.generatorVersion : Self.timelineGeneratorVersion),
            "age": ageJSON,
            "age_groups": ageGroupsJSON,
            "liked_posts": likedPostsJSON,
            "personas": personasJSON,
            "categories": .array(categories.map { .object(["id": .integer($0.id), "name": .string($0.name)]) }),
            "subcategories": .array(subcategories.map {
                .object(["id": .integer($0.id), "category_id": .integer($0.categoryID), "name": .string($0.name)])
            }),
            "name_cultures": culturesJSON,
            "username_patterns": .array(HandlePattern.allCases.map { .string($0.template) }),
            "email_domains": .array(IdentityGenerator.emailDomains.map { .string($0) }),
            "stream_fields": .object(Dictionary(uniqueKeysWithValues: UserField.allCases.map { ("\($0)", JSONText.integer(Int($0.rawValue))) })),
        ]
        if let timeline {
            root["interactions"] = .object([
                "days": .integer(timeline.days),
                "as_of": .integer(Int(timeline.asOf)),
                "as_of_iso": .string(CivilCalendar.isoDateTime(ofSecond: timeline.asOf)),
                "kinds": .array(InteractionModel.kindNames.map { .string($0) }),
                "comments_shares_searches_per_like_by_persona": .array(personas.indices.map { index in
                    .array(timeline.rates(persona: index).map { .number($0) })
                }),
                "drift_share": .number(timeline.driftShare),
                "weekday_weights_monday_first": .array(timeline.weekdayWeights.map { .number($0) }),
                "hour_weights_utc": .array(timeline.hourWeights.map { .number($0) }),
                "seasons": .array(timeline.seasons.map {
                    .object(["subcategory_id": .integer($0.subcategoryID), "amplitude": .number($0.amplitude), "peak_month": .integer($0.peakMonth)])
                }),
                "keyword_modifiers": .array(timeline.keywordModifiers.map { .string($0) }),
            ])
        }
        return JSONText.object(root).rendered
    }
}
