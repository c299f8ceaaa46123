package data

// mouseSpec: a small rodent versus the pointing device of a computer.
var mouseSpec = wordSpec{word: "mouse", senses: [2]senseSpec{
	{
		name:  "animal",
		nouns: []string{"cheese", "cat", "hole", "trap", "crumbs", "nest", "seeds", "kitchen", "pantry", "grain", "straw", "cellar"},
		verbs: []string{"squeaked", "scurried", "nibbled", "hid", "crept", "gnawed"},
		adjs:  []string{"tiny", "furry", "timid", "hungry", "brown", "field"},
		templates: []string{
			"a {A} {W} {V} across the {N} {T}",
			"{T} {P} saw a {W} eating {N} under the table",
			"the cat chased the {W} into its {N}",
			"{P} set a trap because a {W} {V} in the {N}",
			"the {W} twitched its whiskers and {V} away",
			"a {A} {W} stole the {N} from the {N}",
			"{P} heard a {W} {V} behind the wall {T}",
			"the {W} built a nest of {N} in the {N}",
			"{T} the {A} {W} escaped from the {N}",
			"{P} fed the pet {W} some {N} and sunflower seeds",
			"the {W} wiggled its pink nose and sniffed the {N}",
		},
	},
	{
		name:  "computer",
		nouns: []string{"keyboard", "screen", "cursor", "laptop", "desk", "button", "pad", "monitor", "wheel", "icon", "menu", "software"},
		verbs: []string{"clicked", "plugged", "unplugged", "dragged", "connected", "cleaned"},
		adjs:  []string{"wireless", "optical", "ergonomic", "cordless", "gaming", "bluetooth"},
		templates: []string{
			"{P} {V} the {A} {W} into the {N} {T}",
			"{T} {P} {V} the {W} to open the file",
			"the {W} stopped working so {P} restarted the computer",
			"{P} moved the {W} and the cursor jumped across the {N}",
			"the {A} {W} needed new batteries {T}",
			"{P} bought a {A} {W} for the {N}",
			"the {W} sat next to the {N} on the desk",
			"{P} used the {W} to drag the icon to the {N}",
			"{T} the {W} cable got tangled with the {N}",
			"{P} clicked the {W} button twice on the {N}",
			"the {W} pointer froze on the {N} {T}",
		},
	},
}}

// springSpec: the season of blossoms versus a metal coil that stores force.
var springSpec = wordSpec{word: "spring", senses: [2]senseSpec{
	{
		name:  "season",
		nouns: []string{"flowers", "blossoms", "tulips", "garden", "rain", "buds", "birds", "lambs", "sunshine", "daffodils", "meadow", "orchard"},
		verbs: []string{"bloomed", "blossomed", "sprouted", "arrived", "returned", "appeared"},
		adjs:  []string{"early", "warm", "green", "mild", "sunny", "rainy"},
		templates: []string{
			"the {N} {V} early this {W} in the {N}",
			"{T} {P} planted tulips because {W} had come",
			"in {W} the {N} turned the {N} green",
			"{P} enjoyed the {A} days of {W}",
			"the {W} rain made the {N} grow fast",
			"{P} went walking in the {N} one {A} {W} morning",
			"every {W} the {N} return to the {N}",
			"{P} tidied the {N} at the start of {W}",
			"the {A} {W} weather brought {N} to the {N}",
			"{P} waited all winter for {W} to bring the {N}",
			"{T} the {N} {V} under the {A} {W} sky",
		},
	},
	{
		name:  "coil",
		nouns: []string{"mattress", "mechanism", "clock", "tension", "pen", "trampoline", "valve", "wire", "suspension", "lever", "hinge", "piston"},
		verbs: []string{"snapped", "bounced", "broke", "recoiled", "rusted", "creaked"},
		adjs:  []string{"metal", "tight", "rusty", "loose", "coiled", "elastic"},
		templates: []string{
			"the {A} {W} in the {N} {V} {T}",
			"{T} {P} replaced the broken {W} in the {N}",
			"{P} pressed the {W} and felt the {N}",
			"the {W} inside the {N} {V} with a loud twang",
			"{P} wound the {W} around the steel rod",
			"a {A} {W} held the {N} in place",
			"{P} took apart the {N} and found a {W}",
			"{T} the {W} under the {N} {V} again",
			"the mechanic oiled the {A} {W} of the {N}",
			"{P} stretched the {W} until the {N} gave way",
			"the {W} pushed the {N} back with great force",
		},
	},
}}
