package data

// bankSpec: the headline example. The river sense lives among water,
// animals and boats; the finance sense among money, loans and tellers.
var bankSpec = wordSpec{word: "bank", senses: [2]senseSpec{
	{
		name:  "river",
		nouns: []string{"ducks", "reeds", "willows", "frogs", "herons", "otters", "mud", "moss", "pebbles", "canoe", "dragonflies", "minnows"},
		verbs: []string{"fished", "paddled", "rowed", "waded", "swam", "camped"},
		adjs:  []string{"muddy", "grassy", "steep", "wet", "shady", "reedy"},
		templates: []string{
			"{P} {V} along the {A} {W} {T}",
			"{T} {P} sat on the {W} and watched the {N}",
			"the {N} drifted past the {A} {W} of the river",
			"{P} saw {N} near the {W} where the water flowed slowly",
			"{P} {V} to the far {W} to look at the {N}",
			"the {W} was {A} after the flood so {P} {V} downstream",
			"{P} tied the canoe to a willow on the {W} {T}",
			"{N} and {N} covered the {A} {W} by the stream",
			"{P} {V} upstream until the {W} grew {A}",
			"from the {W} {P} could see {N} in the current",
			"{T} the {N} on the {W} were {A} and quiet",
		},
	},
	{
		name:  "finance",
		nouns: []string{"loan", "cash", "cheque", "deposit", "savings", "mortgage", "credit", "interest", "salary", "pension", "debt", "payment"},
		verbs: []string{"paid", "borrowed", "deposited", "withdrew", "saved", "invested"},
		adjs:  []string{"national", "central", "private", "commercial", "federal", "wealthy"},
		templates: []string{
			"{P} {V} the {N} at the {A} {W} {T}",
			"{T} {P} went to the {W} to open an account",
			"the {A} {W} raised the interest on every {N}",
			"{P} asked the {W} teller about a {N}",
			"the {W} approved the {N} so {P} {V} more money",
			"{P} {V} cash at the {W} before it closed",
			"the {W} charged a fee for the {N} {T}",
			"{P} kept the {N} and the {N} in the {W} vault",
			"{T} the {A} {W} refused to lend {N} to the firm",
			"{P} {V} the monthly {N} through the {W} online",
			"the manager of the {W} checked the {N} {T}",
		},
	},
}}

// bassSpec: a fish caught in lakes versus a low instrument in a band.
var bassSpec = wordSpec{word: "bass", senses: [2]senseSpec{
	{
		name:  "fish",
		nouns: []string{"lake", "hook", "bait", "rod", "pond", "lure", "net", "reel", "bucket", "worms", "cooler", "dock"},
		verbs: []string{"caught", "hooked", "landed", "cleaned", "cooked", "grilled"},
		adjs:  []string{"striped", "largemouth", "slippery", "huge", "freshwater", "scaly"},
		templates: []string{
			"{P} {V} a {A} {W} in the {N} {T}",
			"{T} {P} used {N} as bait to catch a {W}",
			"the {W} took the lure and pulled the {N}",
			"{P} {V} the {W} and put it in the {N}",
			"a {A} {W} swam under the {N} near the shore",
			"{P} weighed the {W} on the dock {T}",
			"the {W} jumped out of the {N} and splashed",
			"{T} {P} {V} a {W} with a new {N}",
			"{P} released the {A} {W} back into the {N}",
			"the {W} hid among the weeds of the {N}",
			"{P} {V} a {W} for dinner and fried its fillets",
		},
	},
	{
		name:  "music",
		nouns: []string{"guitar", "amplifier", "drums", "band", "concert", "melody", "speaker", "stage", "rhythm", "chords", "song", "studio"},
		verbs: []string{"played", "tuned", "strummed", "amplified", "recorded", "plucked"},
		adjs:  []string{"electric", "deep", "loud", "acoustic", "thumping", "funky"},
		templates: []string{
			"{P} {V} the {A} {W} at the {N} {T}",
			"{T} {P} turned up the {W} on the {N}",
			"the {W} line drove the {N} of the song",
			"{P} {V} the {W} while the drummer kept time",
			"the {A} {W} shook the {N} during the show",
			"{P} joined the band to play {W} {T}",
			"the {W} and the {N} kept the rhythm steady",
			"{P} {V} a {W} riff for the {N}",
			"{T} the {W} sounded {A} through the {N}",
			"{P} bought strings for the {W} before the {N}",
			"the singer asked for more {W} in the {N} mix",
		},
	},
}}
