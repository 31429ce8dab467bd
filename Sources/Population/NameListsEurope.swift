// Name lists of European cultures: English, Spanish / Latin American, Portuguese / Brazilian,
// French, German, Italian, Nordic, Polish. Common names, display form (NFC).

extension NameLists {
    static let english = NameCulture(
        name: "english",
        weight: 0.22,
        firstNames: [
            "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
            "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin",
            "Brian", "George", "Oliver", "Harry", "Jack", "Noah", "Liam", "Ethan", "Mason", "Logan",
            "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica",
            "Sarah", "Karen", "Emily", "Emma", "Olivia", "Ava", "Isabella", "Sophia", "Charlotte",
            "Amelia", "Grace", "Chloe", "Zoë", "Renée", "Abigail", "Madison", "Hannah",
        ],
        lastNames: [
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
            "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
            "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
            "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner",
            "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris",
            "O'Brien", "O'Connor", "Murphy", "Kelly", "McDonald", "Brontë",
        ]
    )

    static let spanish = NameCulture(
        name: "spanish",
        weight: 0.12,
        firstNames: [
            "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Alejandro", "Diego", "Javier",
            "Andrés", "Martín", "Sebastián", "Mateo", "Santiago", "Raúl", "Jesús", "Óscar", "Ramón",
            "Fernando", "Pablo", "María", "Sofía", "Lucía", "Valentina", "Camila", "Isabel", "Carmen",
            "Ana", "Paula", "Daniela", "Gabriela", "Ximena", "Inés", "Begoña", "Guadalupe", "Mónica",
            "Verónica", "Rocío", "Natalia", "Elena",
        ],
        lastNames: [
            "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
            "Gómez", "Díaz", "Jiménez", "Ramírez", "Gutiérrez", "Hernández", "Vázquez", "Domínguez",
            "Muñoz", "Núñez", "Peña", "Ibáñez", "Ortiz", "Castro", "Romero", "Torres", "Flores",
            "Rivera", "Morales", "Herrera", "Mendoza", "De la Cruz",
        ]
    )

    static let portuguese = NameCulture(
        name: "portuguese",
        weight: 0.06,
        firstNames: [
            "João", "José", "Antônio", "Gonçalo", "Tomás", "Thiago", "Gabriel", "Rafael", "Lucas",
            "Matheus", "Felipe", "Rodrigo", "Vinícius", "Caio", "Leandro", "Ana", "Beatriz",
            "Mariana", "Inês", "Leonor", "Camila", "Larissa", "Fernanda", "Juliana", "Letícia",
            "Gabriela", "Luana", "Bárbara", "Conceição", "Débora",
        ],
        lastNames: [
            "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
            "Lima", "Gomes", "Ribeiro", "Carvalho", "Almeida", "Lopes", "Sousa", "Fernandes",
            "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Araújo", "Monteiro", "Gonçalves",
            "Magalhães",
        ]
    )

    static let french = NameCulture(
        name: "french",
        weight: 0.06,
        firstNames: [
            "François", "Jérôme", "Benoît", "Gaël", "Noël", "Loïc", "Clément", "Théo", "Mathéo",
            "Hugo", "Louis", "Antoine", "Julien", "Nicolas", "Pierre", "Zoé", "Chloé", "Léa",
            "Élodie", "Hélène", "Anaïs", "Cécile", "Amélie", "Camille", "Manon", "Juliette", "Inès",
            "Margaux", "Aurélie", "Sandrine",
        ],
        lastNames: [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Leroy", "Moreau", "Lefèvre", "Lefebvre", "Girard", "Fournier", "Lambert", "Bonnet",
            "Rousseau", "Faure", "Mercier", "Blanc", "Guérin", "Boucher", "Roux", "Chevalier",
            "Gauthier", "Perrin", "Fontaine", "Deschamps", "Laurent", "Bérenger",
        ]
    )

    static let german = NameCulture(
        name: "german",
        weight: 0.06,
        firstNames: [
            "Lukas", "Jonas", "Felix", "Maximilian", "Leon", "Paul", "Jürgen", "Jörg", "Günter",
            "Uwe", "Stefan", "Matthias", "Tobias", "Florian", "Dieter", "Anna", "Lena", "Leonie",
            "Hannah", "Mia", "Jana", "Katrin", "Sabine", "Ursula", "Birgit", "Jutta", "Käthe",
            "Lotte", "Greta", "Marlene",
        ],
        lastNames: [
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder",
            "Neumann", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Köhler", "Weiß",
            "Groß", "Böhm", "Vogel", "Jäger",
        ]
    )

    static let italian = NameCulture(
        name: "italian",
        weight: 0.05,
        firstNames: [
            "Giuseppe", "Giovanni", "Francesco", "Alessandro", "Lorenzo", "Matteo", "Luca", "Marco",
            "Andrea", "Davide", "Niccolò", "Gianluca", "Salvatore", "Riccardo", "Fabrizio",
            "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Alessia", "Federica", "Elisa",
            "Valentina", "Aurora", "Beatrice", "Ginevra", "Rosaria", "Caterina", "Ilaria",
        ],
        lastNames: [
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
            "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi",
            "Caruso", "D'Angelo", "Galli",
        ]
    )

    static let nordic = NameCulture(
        name: "nordic",
        weight: 0.03,
        firstNames: [
            "Søren", "Bjørn", "Björn", "Lars", "Erik", "Magnus", "Oskar", "Nils", "Mikael", "Henrik",
            "Johan", "Anders", "Kasper", "Mads", "Väinö", "Eetu", "Sigrid", "Ingrid", "Astrid",
            "Freja", "Maja", "Linnéa", "Elin", "Saga", "Signe", "Karin", "Liv", "Ebba", "Märta",
            "Åsa", "Solveig", "Aino", "Þóra",
        ],
        lastNames: [
            "Andersen", "Hansen", "Johansson", "Nilsson", "Larsen", "Eriksson", "Karlsson",
            "Pedersen", "Nielsen", "Jørgensen", "Sørensen", "Lindqvist", "Lindström", "Bergström",
            "Sjöberg", "Åberg", "Holm", "Dahl", "Berg", "Virtanen", "Korhonen", "Mäkinen",
            "Nieminen", "Jónsson", "Guðmundsdóttir",
        ]
    )

    static let polish = NameCulture(
        name: "polish",
        weight: 0.04,
        firstNames: [
            "Łukasz", "Paweł", "Michał", "Piotr", "Krzysztof", "Tomasz", "Jakub", "Kacper",
            "Wojciech", "Mateusz", "Grzegorz", "Bartłomiej", "Zbigniew", "Jan", "Marek",
            "Agnieszka", "Małgorzata", "Katarzyna", "Anna", "Joanna", "Magdalena", "Zofia",
            "Aleksandra", "Ewa", "Dorota", "Żaneta", "Jadwiga", "Wiktoria", "Urszula", "Halina",
        ],
        lastNames: [
            "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
            "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
            "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
            "Michalski", "Zając", "Król", "Wróbel", "Jabłoński",
        ]
    )
}
