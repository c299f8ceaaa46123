package corpus

// clauses are whole side clauses with no target word: the material that
// surrounds a sense's cue, in any tense.
var clauses = rules{
	"nclause": `{subj} {nv_past} | {s3} {nv_s} | {spl} {nv_base} | {sbe} {nv_ing} | {sbe_past} {nv_ing} |
		{shave} {nv_pp} | {shave} been {nv_ing} | {subj} had {nv_pp} | {subj} {modal} {nv_base} |
		{sdont} {nv_base} | {subj} didn't {nv_base} | {subj} never {nv_past} | {sbe_past} {adv} {adjp} |
		{sbe} {adjp} | it was {weather} | it's {weather} | it is {weather} outside | the weather was {weather} |
		there were {numw} people {at} | there was nobody {at} | {subj} will be {nv_ing} | {shave} been {adjp} |
		{subj} hated being {adjp} | {subj} {modal} be {adjp} | {subj} {adv1} {nv_past} | {sbe} being {adjp} |
		{poss} {body} hurt | {poss} {body} hurts | the {nature} was {qual} | the {nature} looked {qual} |
		{subj} talked about {topic} | {subj} couldn't stop thinking about {topic} | everyone was talking about {topic} |
		{topic} was {qual} | nobody knew what to do | nobody knows why | no one was {at} | something was wrong |
		{subj} {nv_past} {numw} times | {talk} | {talk} | {subj} {nv_past} by {self} | {s3} {nv_s} {adv1} | it took {numw} {unit} | {subj} lost track of time`,
	"talk": `it isn't {qual} | it wasn't {qual} | that wasn't {qual} | i'll {nv_base} later | we'll {nv_base} {tf} |
		i'd like to {nv_base} | you'd better {nv_base} | she'll be {adjp} | he'd {nv_pp} | they'll {nv_base} |
		{s3} goes {to} {th} | {s3} says {topic} is {qual} | nobody can tell | {subj} tried to {nv_base} |
		{subj} gave it a try | it was the same {thing} | there were only {numw} {things} left | it was such a {qual} day |
		did anyone {nv_base} | anyone can {nv_base} | it was kind of {qual} | that was part of the plan |
		everyone except {obj} was {adjp} | {subj} had no idea | i don't know why | who knows | what a {qual} {thing} |
		give me a minute | tell me about {topic} | {subj} told us to {nv_base} | {subj} gave {obj} {stuff} |
		{s3} doesn't want to {nv_base} | {s3} isn't {adjp} | they aren't {adjp} | we weren't {adjp} | {s3} wasn't {adjp} |
		{s3} hasn't {nv_pp} | {spl} haven't {nv_pp} | {subj} hadn't {nv_pp} | {subj} won't {nv_base} | it's {qual} |
		that's {qual} | there's {stuff} {at} | here's {stuff} | let's {nv_base} | what's wrong | how are you | i'm {adjp} |
		i've {nv_pp} | you've {nv_pp} | we've {nv_pp} | you're {adjp} | they're {adjp} | what is going on | who is it |
		where are {poss} {things} | when does it start | which one is {qual} | whose {thing} is this | how much is it |
		how many {things} are there | why not | what happened | {obj} and i {nv_past} | the rest was {qual}`,
	"adv1": `also | only | just | really | never | always | often | sometimes | usually | finally | suddenly | nearly | almost | actually | probably | quickly | even | still | already | once | soon | seldom | rarely`,
	"self": `myself | yourself | himself | herself | ourselves | themselves | itself`,
	"npast": `{subj} {nv_past} | {sbe_past} {nv_ing} | {subj} had {nv_pp} | {subj} had just {nv_pp} |
		{subj} didn't {nv_base} | {sbe_past} {adjp} | it was {weather} | {subj} had been {nv_ing} | {subj} {modal} {nv_base}`,
	"conj": `and | but | so | and then | because | while | before | after | when | although | though | since | until | till | as soon as | even though | if | unless | as | once | as long as | in case | so that | whether or not | just as | by the time | and so | or | yet`,
	"lead": `well | so | oh | yes | no | actually | honestly | of course | by the way | i think | i guess | i believe | in fact | anyway | luckily | sadly | strangely | unfortunately | believe it or not | to be honest | as usual | at first | in the end | for once | as far as i know | according to {obj} | for example | at least | apparently | obviously | however | meanwhile | besides | also | then | later | once again | hey | look | listen | okay | you know | hmm | wow | please`,
	"tail": `i think | i guess | as usual | or so {subj} said | which was {qual} | which surprised everyone | if i remember right | for some reason | more or less | of course | again | too | as well | after all | anyway | though | for a while | for hours | for a long time | all day | all the time | by mistake | on purpose | by accident | in the end | just in case | like always | right away | at once | on time | for the first time | from time to time | with {obj} | without {obj} | thank god | to be fair | did you know | right | you know | or not | no matter what`,
}
