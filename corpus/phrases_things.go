package corpus

// things are the everyday nouns and adjectives of the shared rules: food,
// objects, rooms, places, weather. Words that cue one sense of a built-in
// word (river, money, music, computer...) appear here on purpose, so that
// each sense's sentences also use them in roles that say nothing about the
// target.
var things = rules{
	"food": `bread | rice | soup | pizza | eggs | an apple | sandwiches | chicken | cake | cheese | breakfast |
		lunch | dinner | coffee | tea | milk | juice | potatoes | pasta | salad | cookies | fruit |
		vegetables | meat | beans | chocolate | ice cream | a burger | toast | butter | honey | sugar |
		oranges | bananas | grapes | noodles | cereal | pie | tomatoes | onions | carrots | a snack |
		popcorn | steak | sausages | soda | beer | wine | lemonade | pancakes | a sandwich | candy | corn`,
	"thing": `keys | letter | car | book | phone | bag | door | window | box | table | chair | bed | lights |
		tv | radio | picture | dishes | laundry | clothes | coat | hat | shoes | newspaper | ticket | map |
		gift | cup | bottle | glasses | umbrella | pen | clock | stairs | floor | wall | roof | fence |
		garage | bike | bus | train | card | flowers | candle | blanket | towel | knife | plate | bowl |
		oven | fridge | sink | mirror | lamp | desk | shelf | drawer | suitcase | mail | package | email |
		message | photos | camera | computer | laptop | homework | report | list | bill | money | wallet |
		watch | ring | shirt | jacket | boots | socks | dress | pants | gloves | scarf | key | notebook |
		paper | pencil | letters | toys | game | puzzle | ball | kite | boat | tent | rope | ladder | tools |
		paint | bucket | basket | sofa | couch | carpet | curtains | pillow | television | piano | guitar | song`,
	"things": `apples | books | tickets | eggs | boxes | bottles | cups | photos | letters | pens | chairs | cars | dollars | euros | pounds | miles | points | pages | bags | flowers | cookies | shirts | glasses | questions | emails | kids | houses | trees | stones | candles | plates | keys | windows | songs | games | animals | birds | horses | cows | dogs | cats | chickens | sheep | pigs | ducks | rabbits`,
	"body":   `head | face | eyes | eye | hand | hands | arm | arms | leg | legs | foot | feet | finger | fingers | hair | nose | mouth | teeth | ear | ears | heart | back | knee | neck | shoulder | skin | stomach | tooth | lips | blood`,
	"nature": `sun | moon | stars | sky | clouds | rain | snow | wind | trees | flowers | grass | rocks | sand | sea | ocean | island | mountains | hills | forest | desert | earth | world | fire | ice | storm | sunset | sunrise | rainbow | fog | lightning | thunder | ground | air | leaves | waves`,
	"topic":  `the weather | the news | the future | the past | history | politics | science | math | art | music | sports | religion | the war | the election | the government | the economy | money | work | school | the kids | the family | the holidays | the trip | the wedding | the party | the game | the movie | the book | the problem | the plan | the price | the fees | the test | the exam | the job | the rules | the law | the company | the business | the market | the world | life | love | language | nature | food | health | the idea | the accident | the story | the truth | the answer | the question | the results | the people next door | the neighbors | the new teacher | climate change | the internet | television | our house | my car | the city | this country`,
	"qual":   `good | bad | great | important | possible | different | real | true | whole | certain | clear | common | simple | special | strange | free | full | fresh | hard | easy | difficult | sure | main | general | major | modern | natural | necessary | poor | rich | safe | sharp | similar | single | strong | wide | deep | quick | slow | flat | perfect | terrible | wonderful | awful | amazing | interesting | boring | funny | serious | serious | useful | useless | expensive | cheap | popular | famous | private | public | local | foreign | normal | usual | obvious | fair | unfair | silly | stupid | lovely | horrible | fantastic | excellent | weird | crazy | ordinary | quiet | noisy | crowded | empty | tiny | huge`,
	"det":    `the | my | your | his | her | our | their | this | that | the old | the new | the little | the big | a | one | another`,
	"stuff":  `{det} {thing} | {det} {thing} | some {food} | {food} | {poss} {thing} | the {color} {thing} | a {size} {thing} | {numw} {things} | {num} {things} | some {things} | a lot of {things} | a few {things} | a {qual} {thing} | both {things} | all the {things} | each {thing} | any {things} | either {thing} | those {things} | these {things} | a pair of {things} | {numw} of the {things}`,
	"color":  `red | blue | green | yellow | black | white | brown | gray | grey | pink | orange | purple | golden | silver | dark | bright`,
	"size":   `big | small | little | huge | tiny | large | long | short | heavy | light | new | old | cheap | expensive | nice | beautiful | broken | empty | full | clean | dirty | strange | plain | wooden`,
	"room":   `kitchen | bedroom | bathroom | living room | garden | yard | garage | basement | attic | hall | office | classroom | hallway | backyard`,
	"placen": `house | home | school | office | church | store | shop | market | supermarket | library | station |
		airport | hospital | park | restaurant | cafe | hotel | farm | field | forest | beach | mountains |
		city | town | village | street | road | corner | bridge | museum | theater | cinema | gym | pool |
		zoo | stadium | studio | factory | post office | mall | bakery | pharmacy | lake | river | sea |
		island | harbor | hills | valley | desert | camp | garden center | prison | court | palace | castle`,
	"city":    `london | paris | new york | chicago | boston | texas | california | florida | canada | mexico | china | india | japan | germany | france | spain | italy | africa | europe | australia | scotland | ireland | town | the city | the country`,
	"place":   `the {placen} | the {room} | {poss} {placen} | the old {placen} | the new {placen} | {city} | the {placen} in {city}`,
	"to":      `to {place} | home | downtown | to work | to bed | to church | to school | abroad | outside | upstairs | downstairs | to {city} | back home | into town`,
	"at":      `at {place} | at home | at work | in {city} | in the {room} | near {place} | outside {place} | behind the {placen} | next to the {placen} | across the street | upstairs | in town | on the {ord} floor | at school | between the {placen} and the {placen} | beyond the {placen} | within {numw} minutes of {place} | beneath the {nature} | inside {place} | around the {placen} | opposite the {placen} | in front of {place} | somewhere {at2} | everywhere | nowhere near {place} | far from {place} | close to {place} | in the middle of {place} | at the top of the {placen} | at the bottom of the stairs | on the other side of {place} | all over {city} | throughout {city} | towards {place} | along the {placen} | past the {placen} | upon the {nature} | among the {nature}`,
	"at2":     `in {city} | near {place} | around here | in the {room}`,
	"weather": `cold | hot | warm | sunny | rainy | windy | cloudy | foggy | freezing | wet | dry | dark | raining | snowing | a lovely day | a beautiful day | a long day | late | early | quiet | noisy | busy`,
	"adv":     `really | very | quite | too | so | just | still | already | also | even | almost | only | again | soon | later | now | then | here | there | maybe | probably | actually | finally | suddenly | quickly | slowly | carefully | quietly | together | alone | nearly | simply | certainly | clearly | perhaps | rather | pretty | completely | exactly | hardly | usually | easily`,
}
