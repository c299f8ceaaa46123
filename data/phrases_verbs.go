package data

import "strings"

// verbRules turns a verb table into five rules, one per form: PREFIX_base
// (go), PREFIX_s (goes), PREFIX_past (went), PREFIX_pp (gone) and
// PREFIX_ing (going). A line is the five forms, a colon and the phrases
// that may follow the verb, separated by "|" ("" for none):
//
//	"go goes went gone going : to {place} | home"
func verbRules(prefix string, table []string) rules {
	forms := []string{"base", "s", "past", "pp", "ing"}
	alts := make([][]string, len(forms))
	for _, line := range table {
		head, tail, _ := strings.Cut(line, ":")
		verb := strings.Fields(head)
		if len(verb) != len(forms) {
			// A table is source text; the grammar check reports it as a
			// slot without a rule.
			verb = []string{"{bad verb line " + line + "}"}
		}
		for _, frame := range strings.Split(tail, "|") {
			for f := range forms {
				alts[f] = append(alts[f], verb[min(f, len(verb)-1)]+" "+strings.TrimSpace(frame))
			}
		}
	}
	out := make(rules, len(forms))
	for f, name := range forms {
		out[prefix+"_"+name] = strings.Join(alts[f], " | ")
	}
	return out
}

// neutralVerbs are everyday verbs in all their forms, with everyday
// complements, for the side clauses of any sense.
var neutralVerbs = []string{
	"be is was been being : {adjp} | at home | {at} | late again | in {city}",
	"have has had had having : {stuff} | a cold | a party | a good time | lunch with {obj} | a baby",
	"go goes went gone going : {to} | shopping | for a walk | to sleep | to the doctor",
	"get gets got gotten getting : {stuff} | home late | a new job | married | lost | better",
	"do does did done doing : the dishes | {poss} homework | the laundry | nothing | the shopping",
	"make makes made made making : {food} | dinner | a cake | a mistake | a list | friends | {poss} bed",
	"say says said said saying : hello | goodbye | no | yes | nothing | thank you",
	"see sees saw seen seeing : {obj} | a movie | the doctor | {stuff}",
	"come comes came come coming : home | back | {to} | to visit | over for dinner",
	"take takes took taken taking : {stuff} | the bus | the train | a photo | a shower | a nap | {obj} {to}",
	"know knows knew known knowing : {obj} | the answer | the way | everyone",
	"think thinks thought thought thinking : about {obj} | about it | about the future",
	"give gives gave given giving : {obj} {stuff} | {obj} a hug | {obj} a call",
	"find finds found found finding : {stuff} | a job | the keys | a new place",
	"tell tells told told telling : {obj} a story | {obj} the truth | {obj} a joke",
	"ask asks asked asked asking : {obj} for help | a question | {obj} about it",
	"work works worked worked working : late | from home | {at} | on the weekend | hard",
	"feel feels felt felt feeling : {adjp} | better | sick",
	"leave leaves left left leaving : {place} | early | for work | {stuff} {at}",
	"call calls called called calling : {obj} | a taxi | home | the doctor",
	"try tries tried tried trying : again | {food} | hard | to sleep",
	"need needs needed needed needing : {stuff} | help | a break | more time",
	"keep keeps kept kept keeping : {stuff} | quiet | calm",
	"let lets let let letting : {obj} in | the dog out | {obj} go",
	"begin begins began begun beginning : to cry | to laugh | work | school",
	"help helps helped helped helping : {obj} | {obj} with the dishes | out",
	"talk talks talked talked talking : to {obj} | about the weather | on the phone",
	"turn turns turned turned turning : left | right | off the lights | on the tv | around",
	"start starts started started starting : work | school | a new job | the car",
	"show shows showed shown showing : {obj} {stuff} | {obj} the way",
	"hear hears heard heard hearing : a noise | the news | {obj} | a car",
	"play plays played played playing : cards | games | with the kids | outside | chess | football | soccer | tennis | video games",
	"run runs ran run running : home | late | to catch the bus | a shop | every morning",
	"move moves moved moved moving : {to} | house | the table",
	"live lives lived lived living : {at} | alone | with {obj} | in {city}",
	"believe believes believed believed believing : {obj} | it",
	"bring brings brought brought bringing : {stuff} | {obj} {stuff} | the kids",
	"write writes wrote written writing : a letter | an email | {obj} a note | a book | a story",
	"sit sits sat sat sitting : down | {at} | in the sun | by the window",
	"stand stands stood stood standing : up | in line | {at} | outside",
	"lose loses lost lost losing : {poss} {thing} | the game | weight",
	"pay pays paid paid paying : for {stuff} | for dinner | the taxi driver",
	"meet meets met met meeting : {obj} | {obj} {at} | new people",
	"buy buys bought bought buying : {stuff} | {food} | a new {thing} | tickets",
	"wait waits waited waited waiting : for {obj} | for the bus | outside | at the door",
	"watch watches watched watched watching : tv | a movie | the news | the game | the kids",
	"eat eats ate eaten eating : {food} | breakfast | out | at home",
	"drink drinks drank drunk drinking : {food} | a glass of water | too much",
	"cook cooks cooked cooked cooking : {food} | dinner | for {obj}",
	"read reads read read reading : a book | the newspaper | {poss} email | a story to the kids",
	"sleep sleeps slept slept sleeping : late | badly | well | on the sofa | all day",
	"wake wakes woke woken waking : up early | up late | {obj} up",
	"drive drives drove driven driving : {to} | to work | the kids to school | home",
	"walk walks walked walked walking : {to} | the dog | home | to work",
	"open opens opened opened opening : the window | the door | the box | a present",
	"close closes closed closed closing : the door | the window | {poss} eyes",
	"clean cleans cleaned cleaned cleaning : the house | the kitchen | the car | {poss} room",
	"wash washes washed washed washing : the dishes | the car | {poss} hands | the clothes",
	"carry carries carried carried carrying : {stuff} | the bags | the baby",
	"send sends sent sent sending : {obj} a letter | an email | a message | flowers",
	"fix fixes fixed fixed fixing : the {thing} | the roof | the car | dinner",
	"break breaks broke broken breaking : {poss} {thing} | a glass | a leg | the rules",
	"forget forgets forgot forgotten forgetting : {poss} {thing} | the keys | {poss} name",
	"learn learns learned learned learning : to drive | to cook | french | spanish | english | to swim",
	"teach teaches taught taught teaching : {obj} to cook | history | english | math | science",
	"visit visits visited visited visiting : {obj} | {place} | {city}",
	"laugh laughs laughed laughed laughing : at the joke | out loud | a lot",
	"cry cries cried cried crying : all night | for hours | quietly",
	"sing sings sang sung singing : a song | happy birthday | in the shower",
	"dance dances danced danced dancing : all night | in the kitchen | with {obj}",
	"wear wears wore worn wearing : a coat | a hat | {poss} new shoes | a red dress",
	"choose chooses chose chosen choosing : a gift | the red one | a name",
	"spend spends spent spent spending : the day {at} | hours on the phone | the weekend {at}",
	"grow grows grew grown growing : tomatoes | up {at} | tired | older",
	"fall falls fell fallen falling : asleep | down the stairs | in love | ill",
	"hold holds held held holding : the baby | {poss} hand | the door | a party",
	"hope hopes hoped hoped hoping : for the best | for good weather",
	"love loves loved loved loving : {obj} | {food} | it",
	"like likes liked liked liking : {obj} | {food} | the idea",
	"want wants wanted wanted wanting : {stuff} | a new {thing} | to go home | more time",
	"use uses used used using : {stuff} | the phone | a map",
	"look looks looked looked looking : for {poss} {thing} | at the sky | {adjp} | out the window",
	"remember remembers remembered remembered remembering : {poss} name | the day | everything",
	"finish finishes finished finished finishing : {poss} homework | work early | the book | dinner",
	"stop stops stopped stopped stopping : for coffee | talking | at the store | smoking",
	"change changes changed changed changing : {poss} clothes | jobs | {poss} mind",
	"build builds built built building : a house | a fence | a shed",
	"worry worries worried worried worrying : about {obj} | about money | too much",
	"travel travels traveled traveled traveling : {to} | by train | abroad | a lot",
	"study studies studied studied studying : for the exam | history | medicine | all night",
	"listen listens listened listened listening : to the radio | to {obj} | carefully",
	"smile smiles smiled smiled smiling : at {obj} | a lot",
	"hurry hurries hurried hurried hurrying : home | to work | to catch the train",
	"climb climbs climbed climbed climbing : the stairs | a tree | the hill",
	"plant plants planted planted planting : trees | flowers | tomatoes",
	"order orders ordered ordered ordering : {food} | a taxi | pizza",
	"share shares shared shared sharing : {stuff} | a room | {food}",
	"hate hates hated hated hating : {food} | waiting | the cold",
	"enjoy enjoys enjoyed enjoyed enjoying : the party | the trip | the weather | {food}",
	"rest rests rested rested resting : at home | for an hour",
	"arrive arrives arrived arrived arriving : late | early | home | at the station",
	"return returns returned returned returning : home | the book | {stuff}",
	"prepare prepares prepared prepared preparing : dinner | for the trip | {food}",
	"join joins joined joined joining : a club | the team | {obj} for lunch",
	"answer answers answered answered answering : the phone | the door | the question",
	"check checks checked checked checking : the weather | the time | {poss} phone | the mail",
	"decide decides decided decided deciding : to stay | to leave | to go home",
	"explain explains explained explained explaining : the rules | everything | the problem",
	"agree agrees agreed agreed agreeing : with {obj} | to help",
	"die dies died died dying : last year | young | in {year}",
	"kill kills killed killed killing : time | the spider",
	"win wins won won winning : the game | a prize | the race",
	"push pushes pushed pushed pushing : the door | the car | the cart",
	"pull pulls pulled pulled pulling : the door | a muscle | the curtains",
	"miss misses missed missed missing : the bus | the train | {obj} | home",
	"save saves saved saved saving : time | a seat for {obj} | the file",
	"throw throws threw thrown throwing : away the box | a party | the trash out",
	"catch catches caught caught catching : the bus | a cold | the train",
	"hide hides hid hidden hiding : the gift | under the bed | the candy",
	"smell smells smelled smelled smelling : the flowers | smoke | coffee",
	"cut cuts cut cut cutting : the grass | the bread | {poss} hair | the cake",
	"fly flies flew flown flying : to {city} | home | kites",
	"swim swims swam swum swimming : in the pool | every morning | in the sea",
	"ride rides rode ridden riding : a bike | the bus | a horse",
	"sell sells sold sold selling : the car | the house | {stuff}",
	"feed feeds fed fed feeding : the cat | the dog | the baby | the chickens",
	"appear appears appeared appeared appearing : on tv | out of nowhere | {adjp}",
	"become becomes became become becoming : {adjp} | a doctor | a teacher | friends | famous",
	"seem seems seemed seemed seeming : {adjp} | {qual} to me | to like it",
	"understand understands understood understood understanding : the question | {obj} | the problem | everything",
	"include includes included included including : {obj} in the plan | the kids | breakfast",
	"happen happens happened happened happening : to {obj} | again | every year",
	"describe describes described described describing : the {thing} | {poss} trip | the man",
	"consider considers considered considered considering : moving {to} | the idea | selling the car",
	"continue continues continued continued continuing : to work | the story | walking",
	"create creates created created creating : a new game | a plan | a website",
	"develop develops developed developed developing : a plan | a cough | the photos",
	"expect expects expected expected expecting : a baby | {obj} | the worst | rain",
	"follow follows followed followed following : {obj} | the road | the rules | the signs",
	"lead leads led led leading : the way | the team | {obj} {to}",
	"offer offers offered offered offering : {obj} {food} | {obj} a job | to help",
	"provide provides provided provided providing : {food} | help | the chairs",
	"remain remains remained remained remaining : {adjp} | {at} | calm",
	"require requires required required requiring : help | a lot of time | a license",
	"serve serves served served serving : {food} | dinner | in the army",
	"speak speaks spoke spoken speaking : french | to {obj} | english | quietly | at the meeting",
	"suggest suggests suggested suggested suggesting : a new plan | another way | going home",
	"support supports supported supported supporting : {obj} | the team | the idea",
	"wonder wonders wondered wondered wondering : why | about {topic} | if it was true",
	"wish wishes wished wished wishing : {obj} luck | for snow | for a new {thing}",
	"touch touches touched touched touching : the {thing} | {poss} {body} | the screen",
	"fill fills filled filled filling : the {thing} | the glass | the bucket with {food}",
	"cover covers covered covered covering : the {thing} | {poss} {body} | the table",
	"cross crosses crossed crossed crossing : the street | the road | the border | {poss} fingers",
	"pass passes passed passed passing : the salt | the test | the exam | {place}",
	"reach reaches reached reached reaching : {place} | the top | the shelf",
	"notice notices noticed noticed noticing : the {thing} | {obj} | the smell | nothing",
	"imagine imagines imagined imagined imagining : {topic} | a better world | the worst",
	"guess guesses guessed guessed guessing : the answer | the number | wrong | right",
	"receive receives received received receiving : a letter | a gift | {stuff} | good news",
	"protect protects protected protected protecting : {obj} | the kids | {poss} {body}",
	"collect collects collected collected collecting : stamps | the kids | {things} | the mail",
	"compare compares compared compared comparing : prices | the two {things} | notes",
	"discuss discusses discussed discussed discussing : {topic} | the plan | the price",
	"mean means meant meant meaning : it | to call {obj} | well",
	"count counts counted counted counting : the {things} | to ten | the days",
	"draw draws drew drawn drawing : a picture | a map | the curtains",
	"paint paints painted painted painting : the {thing} | the wall | a picture | the fence",
	"shout shouts shouted shouted shouting : at {obj} | for help | hello",
	"dream dreams dreamed dreamed dreaming : about {topic} | of {city}",
	"fight fights fought fought fighting : with {obj} | about {topic}",
	"lie lies lay lain lying : down | on the bed | in the sun",
	"lay lays laid laid laying : the table | the baby down | eggs",
	"roll rolls rolled rolled rolling : down the hill | the dice | over",
	"ring rings rang rung ringing : the bell | {obj} | twice",
	"repeat repeats repeated repeated repeating : the question | the story | the lesson",
	"reply replies replied replied replying : to the email | to {obj} | at once",
	"search searches searched searched searching : for {poss} {thing} | the house | online",
	"shine shines shone shone shining : brightly | all day | through the window",
	"sign signs signed signed signing : the letter | the papers | {poss} name",
	"solve solves solved solved solving : the problem | the puzzle",
	"spell spells spelled spelled spelling : {poss} name | the word",
	"test tests tested tested testing : the water | the car | {obj}",
	"trade trades traded traded trading : cards | places | {stuff}",
	"act acts acted acted acting : {adjp} | in a play | fast",
	"care cares cared cared caring : about {obj} | for the baby",
	"cause causes caused caused causing : trouble | an accident | a problem",
	"end ends ended ended ending : the call | the meeting | early",
	"gather gathers gathered gathered gathering : {things} | the kids | wood",
	"hang hangs hung hung hanging : the picture | the washing out | up the phone",
	"hurt hurts hurt hurt hurting : {poss} {body} | {obj}",
	"jump jumps jumped jumped jumping : over the fence | into the pool | up and down",
	"kick kicks kicked kicked kicking : the ball | the door",
	"kiss kisses kissed kissed kissing : {obj} | the baby goodnight",
	"knock knocks knocked knocked knocking : on the door | over a glass",
	"marry marries married married marrying : {obj} | young",
	"pack packs packed packed packing : {poss} bag | the car | lunch",
	"pick picks picked picked picking : up the kids | {food} | a card",
	"point points pointed pointed pointing : at the {nature} | at {obj}",
	"pour pours poured poured pouring : the coffee | {food} | the milk",
	"pray prays prayed prayed praying : for rain | at night",
	"prefer prefers preferred preferred preferring : {food} | the old {thing}",
	"promise promises promised promised promising : to call | to help",
	"raise raises raised raised raising : {poss} hand | the kids | money for the school",
	"realize realizes realized realized realizing : the truth | it was late",
	"recognize recognizes recognized recognized recognizing : {obj} | the voice",
	"relax relaxes relaxed relaxed relaxing : {at} | on the sofa",
	"rent rents rented rented renting : a car | a flat | an apartment",
	"repair repairs repaired repaired repairing : the {thing} | the roof",
	"report reports reported reported reporting : the accident | it to the police",
	"rush rushes rushed rushed rushing : home | to the hospital",
	"shake shakes shook shaken shaking : {poss} head | hands | the bottle",
	"shut shuts shut shut shutting : the door | the window | up",
	"smoke smokes smoked smoked smoking : a cigarette | outside",
	"sound sounds sounded sounded sounding : {adjp} | {qual} | like a plan",
	"stare stares stared stared staring : at {obj} | at the {nature} | out the window",
	"steal steals stole stolen stealing : {poss} {thing} | a car",
	"taste tastes tasted tasted tasting : {food} | {qual} | the soup",
	"thank thanks thanked thanked thanking : {obj} | everyone",
	"tie ties tied tied tying : {poss} shoes | a knot | the rope",
	"train trains trained trained training : for the race | the dog | hard",
	"trust trusts trusted trusted trusting : {obj} | nobody",
	"vote votes voted voted voting : for the new plan | in the election",
	"warn warns warned warned warning : {obj} | us about the storm",
	"waste wastes wasted wasted wasting : time | {food} | money",
	"wave waves waved waved waving : at {obj} | goodbye",
	"yell yells yelled yelled yelling : at {obj} | for help",
	"own owns owned owned owning : a car | a house | {stuff}",
	"mind minds minded minded minding : the kids | the noise",
	"fear fears feared feared fearing : the worst | {obj}",
	"measure measures measured measured measuring : the room | the table",
	"print prints printed printed printing : the tickets | a copy | the photos",
	"copy copies copied copied copying : the file | {poss} homework",
	"burn burns burned burned burning : the toast | {poss} {body} | the letters",
	"add adds added added adding : salt | sugar | {poss} name to the list",
	"deal deals dealt dealt dealing : with it | with {obj} | the cards",
	"decide decides decided decided deciding : to stay | to leave | to go home",
	"plan plans planned planned planning : a trip | a party | the wedding",
	"allow allows allowed allowed allowing : {obj} to stay | dogs",
	"accept accepts accepted accepted accepting : the offer | the job | {poss} apology",
	"complain complains complained complained complaining : about {topic} | about the noise",
	"mention mentions mentioned mentioned mentioning : {topic} | it",
	"invite invites invited invited inviting : {obj} to dinner | everyone",
	"borrow borrows borrowed borrowed borrowing : {poss} {thing} | a book",
	"lend lends lent lent lending : {obj} a book | {obj} {poss} {thing}",
	"hit hits hit hit hitting : {poss} {body} | the wall | traffic",
}

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
