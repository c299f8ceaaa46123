package corpus

// Shared rules: the people, times, places and things that every sense's
// sentences draw on. They carry no sense of their own, and they are where
// the corpus gets the frequent words of everyday English.
var sharedRules = []rules{people, times, things, clauses, patternRules}

// people are subjects and objects. Subject rules agree with their verb:
// subj takes a past or modal verb, s3 and spl the present, sbe/sbe_past/
// shave/sdont carry their own auxiliary.
var people = rules{
	"name": `alice | bob | carol | david | emma | frank | grace | henry | irene | jack | kate | leo | maria |
		nina | oscar | paul | rosa | sam | tina | victor | james | john | mary | linda | michael | sarah |
		robert | jennifer | william | lisa | thomas | susan | daniel | karen | peter | anna | chris |
		laura | mark | helen | steve | julia | tom | amy | joe | lucy | ben | sophie | mike | olivia |
		george | ella | harry | zoe | ryan | chloe | adam | jessica | kevin | rachel | luis | priya |
		ahmed | mei | carlos | fatima | hans | yuki | ivan | omar | sofia | diego | aisha | raj`,
	"rel1": `mom | dad | mother | father | brother | sister | son | daughter | uncle | aunt | cousin |
		grandmother | grandfather | grandma | grandpa | wife | husband | friend | neighbor | neighbour |
		boss | teacher | partner | boyfriend | girlfriend | roommate | nephew | niece | coach | doctor`,
	"relpl": `parents | kids | children | friends | neighbors | cousins | grandparents | brothers | sisters |
		sons | daughters | classmates | colleagues | coworkers | students | teachers`,
	"person": `man | woman | boy | girl | child | baby | doctor | nurse | teacher | student | farmer |
		driver | officer | policeman | waiter | waitress | cook | chef | worker | guard | lawyer |
		engineer | artist | writer | singer | pilot | soldier | stranger | tourist | visitor | owner |
		manager | guide | kid | old man | old lady | young woman | little girl | little boy`,
	"people": `the {relpl} | my {relpl} | our {relpl} | his {relpl} | her {relpl} | their {relpl} |
		the tourists | the workers | the boys | the girls | the men | the women | people | both of us |
		some people | most people | a lot of people | a few students | my family | the whole family`,
	"poss":     `my | your | his | her | our | their`,
	"owner":    `{name} | my {rel1} | his {rel1} | her {rel1} | our {rel1} | the {person}`,
	"s3":       `he | she | {name} | {poss} {rel1} | the {person} | everyone | nobody | someone | my family`,
	"spl":      `i | you | we | they | {people} | {name} and {name} | {name} and i`,
	"subj":     `{s3} | {spl} | i | we | she | he | they | you`,
	"sbe":      `i am | i'm | you are | you're | we are | we're | they are | they're | he is | he's | she is | she's | {name} is | {poss} {rel1} is | {people} are`,
	"sbe_past": `i was | you were | we were | they were | he was | she was | {name} was | {poss} {rel1} was | {people} were`,
	"shave":    `i have | i've | you have | we have | we've | they have | they've | he has | she has | {name} has | {people} have`,
	"sdont":    `i don't | i do not | you don't | we don't | they don't | he doesn't | she doesn't | {name} doesn't | {people} don't | it doesn't`,
	"obj":      `me | you | him | her | us | them | {name} | {poss} {rel1} | {poss} {relpl} | the {person}`,
	"modal":    `will | would | can | could | should | might | must | may | can't | won't | couldn't | wouldn't | shouldn't | want to | need to | have to | had to | wanted to | tried to | used to | hope to | plan to | forgot to | decided to | refused to | promised to | started to | was about to`,
	"say":      `said | thought | told me | knew | heard | believed | guessed | felt | noticed | explained | complained | admitted | remembered | learned | realized | wrote`,
	"see":      `saw | noticed | found | passed | liked | loved | hated | remembered | photographed | looked at | pointed at | talked about | showed us | visited | forgot about | asked about | read about | heard about | dreamed about | painted | described`,
	"adjp":     `happy | sad | tired | hungry | thirsty | angry | busy | sick | late | early | ready | sure | sorry | afraid | glad | proud | worried | nervous | excited | bored | lonely | quiet | strong | weak | young | old | calm | upset | surprised | scared | confused | annoyed | asleep | awake | alone | careful | lucky | friendly | kind | polite | rude | honest | famous | shy | brave | patient | clever | smart | wise | lazy | crazy | fine | okay | well | ill | hurt | cold | hot | wet | free | away | home | right | wrong | married | single | pregnant | retired | alive | healthy`,
}

// times are when something happened (tp), how often it happens (th) and
// the calendar words they are made of. Each may be empty.
var times = rules{
	"day":   `monday | tuesday | wednesday | thursday | friday | saturday | sunday`,
	"days":  `mondays | tuesdays | wednesdays | thursdays | fridays | saturdays | sundays | weekends`,
	"month": `january | february | march | april | may | june | july | august | september | october | november | december`,
	"part":  `morning | afternoon | evening | night`,
	"numw":  `two | three | four | five | six | seven | eight | nine | ten | eleven | twelve | fifteen | twenty | thirty | forty | fifty | a hundred | a few | several | many`,
	"num":   `one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen | twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety | hundred | thousand | a million | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 12 | 15 | 20 | 30 | 40 | 50 | 100 | 200 | 500 | 1000`,
	"ord":   `first | second | third | fourth | fifth | sixth | seventh | eighth | ninth | tenth | last | next`,
	"hour":  `one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12`,
	"clock": `{hour} | {hour} o'clock | {hour} thirty | {hour} am | {hour} pm | noon | midnight | half past {hour} | quarter to {hour} | about {hour} | around {hour}`,
	"year":  `1990 | 1995 | 1999 | 2000 | 2005 | 2010 | 2012 | 2015 | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 | 2024`,
	"unit":  `minutes | hours | days | weeks | months | years`,
	"tp":    ` | | yesterday | last night | last week | last month | last year | this morning | this afternoon | earlier today | the other day | on {day} | last {day} | on {day} {part} | in {month} | last {month} | in {year} | at {clock} | {numw} {unit} ago | a long time ago | once | over the weekend | during the holidays | after lunch | before dinner | after school | after work | on my birthday | when i was young | when we were kids | a while ago | at the weekend | on the {ord} day`,
	"th":    ` | | every day | every {day} | on {days} | every morning | every night | most days | twice a week | once a month | every week | every year | in {month} | at night | in the {part} | usually | often | sometimes | always | now | these days | right now | at {clock}`,
	"tf":    ` | | tomorrow | next week | next {day} | on {day} | next month | next year | in {month} | tonight | later | soon | in {numw} {unit} | one day | someday`,
}
