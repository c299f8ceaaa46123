package corpus

// patterns are the sentence shapes shared by every sense. Both senses of a
// word are written with the same shapes, so a shape says nothing about the
// sense: only the words a sense puts in its slots do. Each pattern holds
// {W} exactly once, through the target phrase {t} or {ta} or a verb phrase
// of the target ({vo_*} has it as the object, {vs_*} follows it as the
// subject). The slots a sense must fill:
//
//	adj     adjectives of the target ("muddy" / "online")
//	tx, ta  more target phrases, definite and indefinite (shared defaults below)
//	vo_*    verb table, the target as object ("walk ... : along {t}"; one
//	        object in six is plural: {tob}, {tpl})
//	vs_*    verb table, the target as subject ("flood ... : after the storm")
//	pass    past participles for passives ("washed away by the flood")
//	state   what the target is ("muddy", "closed on sundays")
//	cue     a clause of the sense's world without the target ("the river was high")
//	why     a purpose ("to watch the ducks")
//	rel     a relative clause ("where we fished")
//	place   where the target is ("by the river")
//	piece   a part or belonging of the target ("edge")
var patterns = []string{
	// the target as object, in every tense and mood
	"{subj} {vo_past} {tp}",
	"{tp} {subj} {vo_past}",
	"did {subj} {vo_base} {tp}",
	"have you ever {vo_pp}",
	"{s3} {vo_s} {th}",
	"{spl} {vo_base} {th}",
	"{sbe} {vo_ing} {tf}",
	"{sbe_past} {vo_ing} when {npast}",
	"{owner}'s {rel1} {vo_past} {tp}",
	"{subj} {modal} {vo_base} {why}",
	// the target as subject
	"{t} {vs_past} {tp}",
	"{t} {vs_s} {th}",
	"why did {t} {vs_base}",
	"{t} didn't {vs_base} {tp}",
	"{t} {rel} {vs_past}",
	"{t} {place} {vs_past} {tp}",
	"{t} that {subj} {see} {vs_past}",
	"{subj} {say} that {t} {vs_past}",
	// passives and states
	"{t} was {pass} {tp}",
	"{t} had been {pass}",
	"is {t} {state}",
	"{t} is {state} {th}",
	"{t} was {state} {tp}",
	"{subj} {say} that {t} was {state}",
	"{subj} asked {obj} if {t} was {state}",
	"{t} {rel} is {state}",
	"{npast} , but {t} was {state}",
	// negation, and the cue in another clause
	"{subj} didn't {vo_base} because {cue}",
	"{cue} , so {subj} {vo_past}",
	"when {cue} , {subj} {vo_past}",
	"{subj} {see} {t} {tp} {conj} {cue}",
	"{cue} {conj} {subj} {see} {t}",
	// a neutral verb on the target: the sense sits in a phrase around it
	"{subj} {see} {t} {place} {tp}",
	"{subj} {see} {t}'s {piece}",
	"{subj} {see} {t} {rel}",
	"{subj} {see} {t} , which was {state}",
	"there is {ta} {place}",
	"{subj} told {obj} about {t} {rel}",
	"what happened to {t} {rel}",
	"where is {t} {rel}",
	"{subj} {gopast} {t} {why}",
	// side clauses with nothing to say about the target
	"{subj} {vo_past} while {npast}",
	"{npast} , and then {subj} {vo_past}",
	"{subj} {vo_past} {conj} {nclause}",
	"{nclause} {conj} {t} {vs_s} {th}",
	"{spl} {vo_base} {th} {conj} {nclause}",
	// questions and requests
	"how did {subj} {vo_base}",
	"who {vo_past} {tp}",
	"when did {t} {vs_base}",
	"do you {vo_base} {th}",
	"does {t} {vs_base} {th}",
	"let's {vo_base} {tf}",
	"can you {vo_base} {tf}",
	"{sbe} going to {vo_base} {tf}",
	"what did {subj} say about {t} {rel}",
	"i wonder whether {t} is {state}",
	"{subj} {nv_past} {at} before {subj} {vo_past}",
	// the other sense's world in a clause of its own
	"{other.cue} , and later {subj} {vo_past}",
	"{subj} {vo_past} {tp} , and {other.cue}",
	"{other.cue} , but {subj} {vo_past} {tp}",
	"before {other.cue} , {subj} {vo_past}",
	"{t} {vs_past} , and {other.cue}",
	"{t} was {state} , but {other.cue}",
	"{subj} {nv_past} {other.place} , and then {subj} {vo_past}",
	"after {subj} {nv_past} {other.place} , {t} {vs_past}",
}

// patternRules are the shared defaults of pattern slots a sense may
// replace, and the frame of a whole sentence: a pattern, sometimes with a
// word or phrase before or after it.
var patternRules = rules{
	startRule: `{core} | {core} | {wclause} , {conj} {core} | {core} , {conj} {wclause} | {lead} {core} | {core} {tail} | {core} , {conj} {nclause} | {nclause} , {core} | {core} , {conj} {wclause} | {wclause} , {conj} {core} | {core} {conj} {wclause} | {core} , and {wclause}`,
	"t":       `the {W} | the {W} | the {W} | the {adj} {W} | the {adj} {W} | that {W} | {tx}`,
	"tx":      `the {W}`,
	"ta":      `a {W} | a {adj} {W} | another {W}`,
	"tob":     `{t} | {t} | {t} | {t} | {t} | {tpl}`,
	"tpl":     `the {Wp} | the {Wp} | the {adj} {Wp}`,
	"gopast":  `went to | drove to | walked to | hurried to | came back to | headed to | got to | went back to | went down to | ran to`,
}
