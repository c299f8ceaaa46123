package data

// batSpec: a flying animal of caves and dusk versus the wooden club of
// cricket and baseball.
var batSpec = wordSpec{word: "bat", senses: [2]senseSpec{
	{
		name:  "animal",
		nouns: []string{"cave", "moths", "insects", "roost", "colony", "attic", "barn", "mosquitoes", "belfry", "darkness", "treetops", "bugs"},
		verbs: []string{"flew", "swooped", "hunted", "squeaked", "fluttered", "roosted"},
		adjs:  []string{"furry", "tiny", "nocturnal", "brown", "blind", "winged"},
		templates: []string{
			"the {A} {W} {V} out of the {N} {T}",
			"{P} saw a {W} hanging upside down in the {N}",
			"{T} a {W} {V} over the barn to catch {N}",
			"the {W} used echoes to find {N} in the darkness",
			"{P} found a {A} {W} sleeping in the {N}",
			"a {W} {V} around the lamp chasing {N}",
			"the {W} folded its wings and slept in the {N}",
			"{P} watched the {W} leave the {N} at dusk",
			"{T} a {A} {W} {V} past {P} in the cave",
			"the {W} ate {N} and then {V} back to the {N}",
			"a {A} {W} with leathery wings {V} above the {N}",
		},
	},
	{
		name:  "sport",
		nouns: []string{"ball", "pitch", "wicket", "innings", "glove", "helmet", "stumps", "umpire", "bowler", "crease", "pitcher", "stadium"},
		verbs: []string{"swung", "gripped", "raised", "lifted", "polished", "grabbed"},
		adjs:  []string{"wooden", "heavy", "cricket", "baseball", "sturdy", "oiled"},
		templates: []string{
			"{P} {V} the {A} {W} and hit the {N} {T}",
			"{T} {P} scored runs with a {A} {W}",
			"the coach gave {N} a {W} before the match",
			"{P} {V} the {W} at the {N} and ran",
			"the {N} struck the {W} and sailed over the fence",
			"{P} carried the {W} onto the {N} {T}",
			"{P} {V} the {W} while the bowler ran in",
			"the umpire checked the {W} and the {N}",
			"{T} {P} broke the {A} {W} on the {N}",
			"{P} practised with the {W} until the {N} ended",
			"the batter tapped the {W} on the {N} twice",
		},
	},
}}

// craneSpec: a tall wading bird versus a lifting machine on building sites.
var craneSpec = wordSpec{word: "crane", senses: [2]senseSpec{
	{
		name:  "bird",
		nouns: []string{"marsh", "wetland", "feathers", "nest", "flock", "chicks", "swamp", "eggs", "shallows", "frogs", "sky", "wings"},
		verbs: []string{"flew", "waded", "nested", "migrated", "soared", "danced"},
		adjs:  []string{"graceful", "white", "grey", "wild", "sandhill", "elegant"},
		templates: []string{
			"a {A} {W} {V} across the {N} {T}",
			"{T} {P} saw a {W} standing on one leg in the {N}",
			"the {W} spread its {N} and {V} south",
			"{P} photographed the {A} {W} near its {N}",
			"the {W} caught a frog with its pointed beak",
			"a {W} called loudly over the {N}",
			"{P} watched the {W} feed its {N} {T}",
			"the {W} {V} through the shallow {N}",
			"{T} a {A} {W} built a nest in the {N}",
			"the {W} stretched its neck and {V} over the {N}",
			"{P} counted one {A} {W} among the {N} of the lake",
		},
	},
	{
		name:  "machine",
		nouns: []string{"steel", "cargo", "container", "girders", "load", "concrete", "pallets", "pipes", "scaffolding", "bricks", "beams", "crates"},
		verbs: []string{"lifted", "hoisted", "lowered", "moved", "carried", "stacked"},
		adjs:  []string{"tall", "yellow", "mobile", "hydraulic", "giant", "rusty"},
		templates: []string{
			"the {A} {W} {V} the {N} onto the truck {T}",
			"{T} {P} operated the {W} at the construction site",
			"the {W} {V} steel beams to the top of the tower",
			"{P} climbed into the cab of the {A} {W}",
			"the {W} dropped the {N} near the {N}",
			"{P} watched the {W} unload {N} at the harbour {T}",
			"the workers needed a {A} {W} to move the {N}",
			"{T} the {W} broke down and work on the {N} stopped",
			"{P} signalled the {W} driver to lower the {N}",
			"the {W} swung its arm over the {N} and {V} it",
			"the engineer inspected the {W} cable before lifting {N}",
		},
	},
}}
