"""Demo questions and answers about the example catalogue, for `manage.py seed_demo`.

Everything is written through qa.services, so counters, revisions and rendered markup are
exactly what real use would leave behind. Afterwards the timestamps are moved back over the
past weeks, so that lists and "asked 3 weeks ago" look like a living community.

Seeding again changes nothing: when any of the demo questions exists, the Q&A part is left
as it is (the extra members and tags are only created when missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cms.models import ProductPage
from community.accounts.demo import DemoAccount, member_ensure
from community.accounts.models import User
from community.moderation.models import AuditLogEntry
from community.revisions.models import Revision

from . import services
from .enums import Phase
from .models import Answer, AnswerVote, Comment, Question, QuestionVote

BEFORE = Phase.BEFORE_PURCHASE
AFTER = Phase.AFTER_PURCHASE


# More customers, so that threads have more voices than the three sign-in demo accounts.
# Dirk's and Fatima's addresses are those of orders in examples/orders.csv, so they show
# as verified owners of the Dutch oven and the teapot.
EXTRA_MEMBERS = [
    DemoAccount(
        _("Customer"),
        "dirk",
        "Dirk Visser",
        "Bakes sourdough every Saturday.",
        address="dirk.visser@example.net",
    ),
    DemoAccount(
        _("Customer"),
        "emma",
        "Emma Bakker",
        "First flat, first induction hob.",
        address="emma@example.com",
    ),
    DemoAccount(
        _("Customer"),
        "fatima",
        "Fatima El Amrani",
        "Tea first, then coffee.",
        address="fatima@example.org",
    ),
    DemoAccount(
        _("Customer"), "gijs", "Gijs Mulder", "Camps in every season.", address="gijs@example.com"
    ),
    DemoAccount(
        _("Customer"),
        "hanna",
        "Hanna Peters",
        "Cooks for a family of five.",
        address="hanna@example.com",
    ),
]

# Made by staff: members choose from these when they ask.
DEMO_TAGS = {
    "Induction": "induction",
    "Cleaning and care": "cleaning-and-care",
    "Sizing": "sizing",
    "First use": "first-use",
    "Accessories": "accessories",
    "Spare parts": "spare-parts",
    "Returns and warranty": "returns-and-warranty",
    "Delivery": "delivery",
}

# Who votes, in the order votes are handed out; nobody ever votes on their own post.
VOTERS = ["anna", "bram", "carla", "dirk", "emma", "fatima", "gijs", "hanna", "sam", "eva"]
STAFF = "sam"


@dataclass(frozen=True)
class DemoComment:
    author: str
    body: str
    after_hours: float = 2  # after the question or answer it is under


@dataclass(frozen=True)
class DemoAnswer:
    author: str
    body: str
    after_hours: float  # after the question was asked
    up: int = 0
    down: int = 0
    accepted: bool = False  # by the asker
    official: bool = False  # marked by staff; only staff answers are
    comments: tuple[DemoComment, ...] = ()


@dataclass(frozen=True)
class DemoQuestion:
    title: str
    author: str
    days_ago: float
    phase: str
    sku: str | None
    body: str
    tags: tuple[str, ...] = ()
    up: int = 0
    answers: tuple[DemoAnswer, ...] = ()
    comments: tuple[DemoComment, ...] = ()


# SECTION the questions

DEMO_QUESTIONS = [
    # Cast-iron skillet 28 cm
    DemoQuestion(
        title="Is the skillet really pre-seasoned, or should I season it before first use?",
        author="emma",
        days_ago=52.4,
        phase=BEFORE,
        sku="CW-SKL-28",
        tags=("First use", "Cleaning and care"),
        up=4,
        body=(
            "The description says *pre-seasoned*, but every video I watch starts with three "
            "rounds of oil in the oven. Is that needed with this one, or can I just start "
            "cooking?"
        ),
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=3.5,
                up=6,
                accepted=True,
                body=(
                    "I just started cooking. I washed it once with hot water, dried it on the "
                    "hob and wiped a very thin layer of oil over it.\n\n"
                    "Eggs stuck a little in the first week, so I fried potatoes and bacon in it "
                    "a few times. After that it was fine, and it keeps getting better."
                ),
                comments=(DemoComment("emma", "That is reassuring, thank you. Ordered it!", 5),),
            ),
            DemoAnswer(
                author="sam",
                after_hours=20,
                up=4,
                official=True,
                body=(
                    "It is seasoned at the factory with vegetable oil, so it is ready to use.\n\n"
                    "An extra round does no harm if you like: a very thin layer of neutral oil, "
                    "upside down in the oven at 230 °C for an hour. Avoid linseed oil; it "
                    "tends to flake off."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Will the skillet scratch my glass induction hob?",
        author="hanna",
        days_ago=40.2,
        phase=BEFORE,
        sku="CW-SKL-28",
        tags=("Induction",),
        up=3,
        body=(
            "Our hob is only a year old and I am a bit nervous about putting three kilos of "
            "cast iron on it. Does the base have rough edges?"
        ),
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=1.5,
                up=5,
                body=(
                    "The base is machined smooth, not rough like old cast iron. The trick is to "
                    "**lift it, never slide it**. Mine has been on an induction hob for over a "
                    "year without a single scratch."
                ),
            ),
            DemoAnswer(
                author="dirk",
                after_hours=6,
                up=2,
                body=(
                    "If you are worried, put a sheet of baking paper between the pan and the "
                    "hob. Induction heats the pan, not the glass, so the paper does not burn "
                    "at normal cooking temperatures."
                ),
                comments=(
                    DemoComment(
                        "sam",
                        "That works for moderate heat. For searing at full power, leave the "
                        "paper out: the pan gets hot enough to scorch it.",
                        3,
                    ),
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Rust spots after the first wash: did I ruin my skillet?",
        author="anna",
        days_ago=21.3,
        phase=AFTER,
        sku="CW-SKL-28",
        tags=("Cleaning and care",),
        up=2,
        body=(
            "I left the skillet to soak overnight (I know, I know) and this morning there are "
            "orange spots on the bottom. Can I save it?"
        ),
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=1,
                up=5,
                accepted=True,
                body=(
                    "Easily. Cast iron is almost impossible to ruin:\n\n"
                    "1. Scrub the rust off with steel wool until it is grey again.\n"
                    "2. Rinse, and dry it on the hob until all moisture is gone.\n"
                    "3. Rub in a very thin layer of oil and wipe off as much as you can.\n"
                    "4. Bake it upside down for an hour at 230 °C.\n\n"
                    "Done it twice with my own pan, and you cannot see where it was."
                ),
                comments=(DemoComment("anna", "Did exactly this. Good as new, thank you!", 9),),
            ),
            DemoAnswer(
                author="sam",
                after_hours=4,
                up=3,
                official=True,
                body=(
                    "Surface rust does not harm the pan and it is not a defect, so do what "
                    "Carla describes. To avoid it: wash it soon after cooking, dry it on the "
                    "hob and store it dry."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can I lift the 28 cm skillet with one hand?",
        author="gijs",
        days_ago=12.6,
        phase=BEFORE,
        sku="CW-SKL-28",
        tags=("Sizing",),
        body="My wrists are not great. How heavy is it when you actually cook with it?",
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=5,
                up=3,
                body=(
                    "It weighs 3.1 kg empty. I hold it with one hand to move it across the hob, "
                    "but with food in it I always use both: there is a helper handle opposite "
                    "the long one, which makes it easy."
                ),
                comments=(DemoComment("gijs", "Good to know about the helper handle.", 2),),
            ),
        ),
    ),
    # Enamelled Dutch oven 24 cm
    DemoQuestion(
        title="Is the 24 cm Dutch oven big enough to bake a loaf of bread?",
        author="fatima",
        days_ago=45.1,
        phase=BEFORE,
        sku="CW-DOV-24",
        tags=("Sizing",),
        up=5,
        body="I usually bake with 500 g of flour. Or should I look for the 28 cm?",
        answers=(
            DemoAnswer(
                author="dirk",
                after_hours=2,
                up=7,
                accepted=True,
                body=(
                    "500 g of flour fits perfectly; that is what I bake in mine every weekend.\n\n"
                    "Heat the pot with the lid on at 250 °C for half an hour, drop the dough in "
                    "on baking paper, 25 minutes with the lid, then 20 without."
                ),
                comments=(DemoComment("fatima", "Exactly my recipe size. Thanks, Dirk!", 4),),
            ),
            DemoAnswer(
                author="hanna",
                after_hours=9,
                up=2,
                body=(
                    "For larger loaves (750 g of flour or more) you would want a bigger pot. "
                    "For everything up to 500 g, 24 cm gives a nicely tall loaf."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="The enamel inside my Dutch oven has turned brown. Can I get it white again?",
        author="dirk",
        days_ago=16.4,
        phase=AFTER,
        sku="CW-DOV-24",
        tags=("Cleaning and care",),
        up=3,
        body="After a year of stews and bread it looks tired. It still works fine.",
        answers=(
            DemoAnswer(
                author="emma",
                after_hours=3,
                up=4,
                accepted=True,
                body=(
                    "Fill it with warm water and two spoons of baking soda, leave it overnight, "
                    "then let it simmer for ten minutes. Stubborn spots come off with a paste "
                    "of baking soda and a soft sponge."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=6,
                up=3,
                official=True,
                body=(
                    "Some colouring is normal and does not affect cooking. Please avoid bleach, "
                    "steel wool and scouring powder: they dull the enamel.\n\n"
                    "Should the enamel ever chip or crack without a knock, that is covered by "
                    "the warranty. Send support your order number and a photo."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Is the lid knob of the Dutch oven oven-safe at 250 °C?",
        author="bram",
        days_ago=30.7,
        phase=BEFORE,
        sku="CW-DOV-24",
        up=1,
        body="Some pots have a plastic knob that only takes 190 °C. I want to bake no-knead bread.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=2.5,
                up=4,
                official=True,
                body=(
                    "Yes. The knob on this model is stainless steel and goes into the oven up "
                    "to 250 °C, like the pot itself. It gets as hot as the lid, so use oven "
                    "gloves."
                ),
            ),
            DemoAnswer(
                author="dirk",
                after_hours=7,
                up=2,
                body="I bake at 250 °C in it almost every week. The knob is fine.",
            ),
        ),
    ),
    # Stainless saucepan 18 cm
    DemoQuestion(
        title="Does the glass lid of the saucepan fit other 18 cm pans?",
        author="carla",
        days_ago=26.2,
        phase=BEFORE,
        sku="CW-SAU-18",
        tags=("Accessories",),
        body="I have two older 18 cm pans without lids. Would this lid fit them too?",
        answers=(
            DemoAnswer(
                author="gijs",
                after_hours=11,
                up=2,
                body=(
                    "It fits my older Steelwise pan perfectly, but on a pan of another brand it "
                    "wobbles a bit: the rim was a few millimetres wider. Measure the inside of "
                    "the rim to be sure."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="White chalky spots inside the saucepan after boiling water: is that normal?",
        author="hanna",
        days_ago=9.3,
        phase=AFTER,
        sku="CW-SAU-18",
        tags=("Cleaning and care",),
        up=2,
        body="They do not wipe off with a sponge. Is the steel damaged?",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=1.5,
                up=4,
                accepted=True,
                official=True,
                body=(
                    "Nothing is damaged: that is limescale from hard tap water. Pour in a "
                    "splash of vinegar with some water, bring it to the boil, let it cool and "
                    "rinse. The spots are gone, and the pan stays dishwasher safe."
                ),
                comments=(DemoComment("hanna", "A bit of vinegar did it. Thanks, Sam!", 6),),
            ),
        ),
    ),
    DemoQuestion(
        title="How much rice can I cook in the 2-litre saucepan?",
        author="emma",
        days_ago=2.8,
        phase=BEFORE,
        sku="CW-SAU-18",
        tags=("Sizing",),
        body="We are four at home. Is it big enough for rice for everyone, or will it boil over?",
    ),
    # Ceramic non-stick frying pan 24 cm
    DemoQuestion(
        title="Can I use metal utensils on the ceramic non-stick pan?",
        author="gijs",
        days_ago=38.5,
        phase=BEFORE,
        sku="CW-NSP-24",
        tags=("Cleaning and care",),
        up=2,
        body="I mostly cook with a metal spatula. Would that damage the coating?",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=4,
                up=4,
                accepted=True,
                body=(
                    "I would not. Ceramic is harder than PTFE, but a metal edge still leaves "
                    "marks, and every mark is a place where food starts to stick. A wooden or "
                    "silicone spatula costs a few euros and keeps the pan slick for years."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=8,
                up=3,
                official=True,
                body=(
                    "The care guide asks for wooden, silicone or nylon utensils, and no cooking "
                    "sprays. Scratches from metal utensils are wear, not a manufacturing "
                    "fault, so the warranty does not cover them."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Eggs started sticking to the ceramic pan after three months",
        author="carla",
        days_ago=14.2,
        phase=AFTER,
        sku="CW-NSP-24",
        tags=("Cleaning and care",),
        up=4,
        body=(
            "It was wonderful at first. Now fried eggs stick unless I use a lot of butter. "
            "I never used metal on it and I wash it by hand. What am I doing wrong?"
        ),
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=2,
                up=5,
                accepted=True,
                body=(
                    "Two usual suspects:\n\n"
                    "- **Heat**: ceramic coatings lose their slickness when they are heated "
                    "high, especially empty. Medium heat is plenty for eggs.\n"
                    "- **A thin film** of burnt oil you cannot see. Scrub it once with a paste "
                    "of baking soda and water on a soft sponge.\n\n"
                    "After that, my pan was nearly as good as new."
                ),
            ),
            DemoAnswer(
                author="emma",
                after_hours=10,
                up=1,
                down=2,
                body="A melamine sponge (a magic eraser) took the film off mine in a minute.",
                comments=(
                    DemoComment(
                        "sam",
                        "Careful: melamine sponges are slightly abrasive and wear the coating "
                        "down over time. The baking soda paste is the safer way.",
                        3,
                    ),
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can the ceramic pan go in the oven for a frittata?",
        author="fatima",
        days_ago=20.1,
        phase=BEFORE,
        sku="CW-NSP-24",
        up=1,
        body="I would start it on the hob and finish it in the oven.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=3,
                up=3,
                accepted=True,
                body=(
                    "Yes, up to 180 °C. A frittata at 170–180 °C works well; I do it often. "
                    "Just do not put it under the grill, which gets much hotter than that."
                ),
            ),
        ),
    ),
    # Chef's knife 20 cm
    DemoQuestion(
        title="Which whetstone grit should I use for the Hagane chef's knife?",
        author="bram",
        days_ago=35.6,
        phase=AFTER,
        sku="CW-KNF-20",
        tags=("Accessories", "Cleaning and care"),
        up=3,
        body="It is still sharp, but I want to be ready. I have never sharpened on a stone.",
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=1,
                up=6,
                accepted=True,
                body=(
                    "A combination stone of **1000/6000** grit covers everything:\n\n"
                    "- 1000 to sharpen, every few months at home;\n"
                    "- 6000 to polish the edge afterwards.\n\n"
                    "Keep an angle of about 15° per side. A marker on the bevel shows you where "
                    "the stone takes off steel, which helps a lot the first few times."
                ),
            ),
            DemoAnswer(
                author="gijs",
                after_hours=5,
                up=2,
                body=(
                    "Between sharpenings a ceramic honing rod keeps the edge straight. Not a "
                    "steel one: VG-10 is too hard for it."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=22,
                up=3,
                official=True,
                body=(
                    "Hagane recommends the same: a 1000/6000 stone at 15° per side. Do not use "
                    "pull-through sharpeners; they can chip a hard Japanese edge."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Is VG-10 steel prone to chipping?",
        author="hanna",
        days_ago=28.3,
        phase=BEFORE,
        sku="CW-KNF-20",
        up=2,
        body="I have read that Japanese knives chip easily. I cook a lot with pumpkin and squash.",
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=2.5,
                up=4,
                accepted=True,
                body=(
                    "Harder steel (60 HRC) keeps its edge longer but is less forgiving than a "
                    "German knife. Mine has no chips after a year, but I never use it on bones, "
                    "frozen food or a glass board, and I do not twist it in hard vegetables.\n\n"
                    "For a big pumpkin I use a heavier knife to split it, then this one."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="The oak handle of my knife feels dry. What should I use on it?",
        author="anna",
        days_ago=6.2,
        phase=AFTER,
        sku="CW-KNF-20",
        tags=("Cleaning and care",),
        body="It looks a bit pale since summer. Olive oil?",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=3,
                up=2,
                official=True,
                body=(
                    "Not olive oil: it can go rancid. Rub in food-safe mineral oil or board oil, "
                    "leave it for an hour and wipe off the rest. Every few weeks is enough. "
                    "Rinse and dry the knife right after use and never leave it to soak."
                ),
                comments=(DemoComment("anna", "Board oil tonight: looks like new.", 8),),
            ),
        ),
    ),
    # Conical burr grinder
    DemoQuestion(
        title="Does the burr grinder grind fine enough for a real espresso machine?",
        author="gijs",
        days_ago=49.3,
        phase=BEFORE,
        sku="CT-GRD-01",
        up=5,
        body="I have a single-boiler machine with a 58 mm portafilter.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=1.2,
                up=7,
                accepted=True,
                body=(
                    "Yes. The finest settings (1 to 6) are the espresso range; I pull good "
                    "shots on setting 4 with a medium roast.\n\n"
                    "It is stepped, not stepless, so sometimes you change the dose by half a "
                    "gram instead of the grind. For a home machine that is no problem at all."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=6,
                up=2,
                body=(
                    "To add to Bram's answer: for very light roasts you may end up on the "
                    "finest setting. For medium and dark roasts there is room to spare."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="How loud is the burr grinder compared to a blade grinder?",
        author="emma",
        days_ago=24.4,
        phase=BEFORE,
        sku="CT-GRD-01",
        body="I grind at 6 in the morning, and the walls here are thin.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=4,
                up=3,
                body=(
                    "Much quieter: a low hum instead of a screech. A 15 g dose takes about "
                    "fifteen seconds. Nobody in my house has woken up from it yet."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Ground coffee comes out clumpy and full of static: any tips?",
        author="bram",
        days_ago=10.1,
        phase=AFTER,
        sku="CT-GRD-01",
        up=3,
        body="Grounds stick to the chute and fly all over the counter, especially on dry days.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=0.8,
                up=5,
                accepted=True,
                body=(
                    "Put one drop of water on the beans and stir before grinding (wet the "
                    "handle of a spoon and stir). It is called RDT and it kills the static "
                    "almost completely."
                ),
                comments=(
                    DemoComment("bram", "One drop from a wet spoon and it is gone. Brilliant.", 5),
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=7,
                up=1,
                body=(
                    "Also brush out the chute and burrs once a month: old coffee oils make "
                    "clumping worse. Never put water in the grinder itself."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="How do I take the burrs out of the grinder to clean them?",
        author="hanna",
        days_ago=1.9,
        phase=AFTER,
        sku="CT-GRD-01",
        tags=("Cleaning and care",),
        body="The manual shows the hopper, but not how the top burr comes out.",
    ),
    # Gooseneck kettle
    DemoQuestion(
        title="Which temperature for green tea, and which for pour-over coffee?",
        author="fatima",
        days_ago=43.2,
        phase=BEFORE,
        sku="CT-KET-12",
        up=4,
        body="I want one kettle for both. What do you set it to?",
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=2,
                up=6,
                accepted=True,
                body=(
                    "My settings:\n\n"
                    "| drink | temperature |\n"
                    "|---|---|\n"
                    "| green tea (sencha) | 75 °C |\n"
                    "| white tea | 80 °C |\n"
                    "| oolong | 90 °C |\n"
                    "| pour-over coffee | 94 °C |\n"
                    "| black tea, rooibos | 100 °C |\n\n"
                    "Because it goes in 1 °C steps, you can fine-tune to your taste."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Does the kettle keep its temperature after I lift it off the base?",
        author="carla",
        days_ago=33.5,
        phase=BEFORE,
        sku="CT-KET-12",
        body="For a slow pour-over I need 3–4 minutes of pouring.",
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=3,
                up=3,
                body=(
                    "Off the base it cools like any steel kettle, a degree or two per minute. "
                    "For a four-minute pour that has never bothered me: start a degree or two "
                    "higher."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=5,
                up=2,
                official=True,
                body=(
                    "The keep-warm function holds the set temperature for 60 minutes while the "
                    "kettle is on its base. Put it back between pours and it heats up again."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="My kettle's display shows E1. What does that mean?",
        author="anna",
        days_ago=18.4,
        phase=AFTER,
        sku="CT-KET-12",
        up=2,
        body="It switched off after a few seconds and now only shows **E1**.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=1,
                up=4,
                accepted=True,
                official=True,
                body=(
                    "E1 is the dry-boil protection: the kettle was switched on empty or with "
                    "too little water. Fill it above the MIN mark, lift it off the base for ten "
                    "seconds and put it back.\n\n"
                    "If E1 comes back with enough water in it, contact support with your order "
                    "number: that is a warranty case."
                ),
                comments=(
                    DemoComment("anna", "That was it: I had only 200 ml in it. Works again.", 2),
                ),
            ),
        ),
    ),
    # French press 1 l
    DemoQuestion(
        title="Does the double-walled French press really keep coffee hot?",
        author="gijs",
        days_ago=44.3,
        phase=BEFORE,
        sku="CT-FRP-08",
        up=1,
        body="My glass one is cold before the second cup.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=6,
                up=3,
                accepted=True,
                body=(
                    "Yes, the second cup after half an hour is still properly hot. One tip: "
                    "the coffee keeps brewing as long as it sits on the grounds, so for the "
                    "second cup I pour the rest into a thermos right after pressing."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Sediment in every cup from the French press: is the filter damaged?",
        author="carla",
        days_ago=8.3,
        phase=AFTER,
        sku="CT-FRP-08",
        tags=("Spare parts",),
        up=2,
        body="There is a muddy layer at the bottom of every cup. It was not like that at first.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=2,
                up=3,
                accepted=True,
                body=(
                    "Check the grind first: it should look like coarse sea salt. After four "
                    "minutes, stir the crust, wait a minute and press slowly. And leave the "
                    "last sip in the pot."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=4,
                up=2,
                official=True,
                body=(
                    "The four-layer filter unscrews from the rod. Clean each layer and check "
                    "that the spiral plate sits flat against the wall; a bent edge lets fine "
                    "grounds through. If the mesh is damaged, support can send a new filter."
                ),
            ),
        ),
    ),
    # Stovetop espresso maker
    DemoQuestion(
        title="Does the stovetop espresso maker work on an induction hob?",
        author="emma",
        days_ago=55.2,
        phase=BEFORE,
        sku="CT-ESP-06",
        tags=("Induction",),
        up=5,
        body="My old aluminium one does not, so I want to be sure this time.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=2,
                up=5,
                accepted=True,
                body=(
                    "It does: the whole pot is stainless steel. The base is small, so use the "
                    "smallest cooking zone; on a big zone some hobs do not detect it."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=8,
                up=3,
                official=True,
                body=(
                    "Yes, it works on all hobs, induction included. If your hob does not "
                    "detect it, check the hob's manual for the smallest pan diameter it "
                    "accepts."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Coffee from my new moka pot tastes metallic",
        author="gijs",
        days_ago=32.4,
        phase=AFTER,
        sku="CT-ESP-06",
        tags=("First use",),
        up=2,
        body="Three pots so far and all taste of metal. Is that normal for a new pot?",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=1.5,
                up=4,
                accepted=True,
                body=(
                    "Normal for the first few brews. Make two or three pots with cheap coffee "
                    "and pour them away. Afterwards rinse it with hot water only, no soap, and "
                    "let it dry in parts."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Where can I get a replacement seal for the moka pot?",
        author="bram",
        days_ago=11.5,
        phase=AFTER,
        sku="CT-ESP-06",
        tags=("Spare parts",),
        up=1,
        body="Coffee leaks out between the top and the bottom part. I think the seal is worn.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=2,
                up=3,
                accepted=True,
                official=True,
                body=(
                    "The silicone seal is replaceable. For the 6-cup pot the seal and the "
                    "filter plate come together as a spare set; ask support and mention your "
                    "order number.\n\n"
                    "Meanwhile, check that no coffee grounds sit on the rim of the basket: "
                    "that also makes it leak."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can I make just three cups in the six-cup moka pot?",
        author="fatima",
        days_ago=4.7,
        phase=BEFORE,
        sku="CT-ESP-06",
        body="Mostly it would be just me, sometimes guests.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=5,
                up=1,
                body=(
                    "Not really. A moka pot needs a full basket and water up to the valve, or "
                    "the coffee comes out weak and bitter. If it is mostly for you, a 3-cup pot "
                    "will make you happier."
                ),
            ),
        ),
    ),
    # Cast-iron teapot
    DemoQuestion(
        title="Can I keep the cast-iron teapot warm on the hob?",
        author="hanna",
        days_ago=37.3,
        phase=BEFORE,
        sku="CT-TEA-07",
        up=2,
        body="I like a pot of tea that stays warm through the afternoon.",
        answers=(
            DemoAnswer(
                author="fatima",
                after_hours=3,
                up=4,
                accepted=True,
                body=(
                    "No, it is for brewing only. I keep mine on a tea-light warmer: it holds "
                    "the tea warm for a good hour and looks lovely."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=5,
                up=3,
                official=True,
                body=(
                    "Please do not put it on a hob: the enamel inside can crack from direct "
                    "heat. A tea-light warmer is fine. Heat the water in a kettle and warm the "
                    "pot with a little hot water before brewing."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Rust on the outside rim of my teapot",
        author="fatima",
        days_ago=13.2,
        phase=AFTER,
        sku="CT-TEA-07",
        tags=("Cleaning and care",),
        body="Small brown spots where the lid sits. The inside is fine.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=4,
                up=2,
                official=True,
                body=(
                    "The rim is bare cast iron, unlike the enamelled inside, so it can rust "
                    "when it stays wet. Dry it while the pot is still warm. Wiping the spots "
                    "with a cloth dipped in strong tea darkens them and protects the iron."
                ),
                comments=(DemoComment("fatima", "The tea trick works, thank you.", 30),),
            ),
        ),
    ),
    DemoQuestion(
        title="Does the teapot's infuser hold back fine rooibos?",
        author="emma",
        days_ago=5.4,
        phase=BEFORE,
        sku="CT-TEA-07",
        body="My current infuser lets a lot of the fine bits through.",
        answers=(
            DemoAnswer(
                author="fatima",
                after_hours=7,
                up=2,
                body=(
                    "Most of it. A few very fine bits get through with rooibos, but far fewer "
                    "than with my old mesh ball. With green and black tea, nothing gets through."
                ),
            ),
        ),
    ),
    # Kettle barbecue 57 cm
    DemoQuestion(
        title="How many burgers fit on the 57 cm kettle barbecue?",
        author="dirk",
        days_ago=47.4,
        phase=BEFORE,
        sku="OC-BBQ-57",
        tags=("Sizing",),
        up=2,
        body="We often have friends over, about ten people.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=2,
                up=4,
                accepted=True,
                body=(
                    "Twelve to fourteen burgers at once over direct heat. If you set it up "
                    "with two zones (coals on one side), about eight on the hot side, with "
                    "room to keep the rest warm. For ten people that works out nicely."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Does the 10-year warranty on the barbecue cover a rusty grate?",
        author="gijs",
        days_ago=29.1,
        phase=BEFORE,
        sku="OC-BBQ-57",
        tags=("Returns and warranty",),
        up=3,
        body="It will stand outside on the balcony, under a roof but not indoors.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=3,
                up=5,
                official=True,
                body=(
                    "The 10 years cover the **bowl and the lid**, against rusting or burning "
                    "through. The grate and the other parts have the standard two-year "
                    "warranty against manufacturing faults; surface rust from the weather is "
                    "wear, not a fault. A cover helps a lot."
                ),
                comments=(
                    DemoComment(
                        "bram",
                        "Worth buying the cover: mine still looks new after a winter outside.",
                        12,
                    ),
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="The lid thermometer reads 50 degrees lower than my oven thermometer",
        author="bram",
        days_ago=7.2,
        phase=AFTER,
        sku="OC-BBQ-57",
        body="With an oven thermometer on the grate I get 200 °C; the lid says 150 °C.",
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=6,
                up=2,
                body=(
                    "The lid thermometer measures the air at the top of the dome, away from "
                    "the coals. On the grate right above the coals it is hotter. I use a probe "
                    "at grate level and treat the lid as a rough guide."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=20,
                up=1,
                body=(
                    "You can check the lid thermometer itself: take it out and hold the stem "
                    "in boiling water; it should read close to 100 °C. If it is far off, "
                    "support can send a new one under warranty."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Charcoal or briquettes for low-and-slow on the kettle barbecue?",
        author="hanna",
        days_ago=19.3,
        phase=BEFORE,
        sku="OC-BBQ-57",
        up=2,
        body="I want to try pulled pork this spring: eight hours at around 120 °C.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=1,
                up=3,
                body=(
                    "Briquettes: they burn longer and more evenly than lump charcoal. Light a "
                    "few and let them ignite the rest slowly."
                ),
            ),
            DemoAnswer(
                author="dirk",
                after_hours=4,
                up=4,
                body=(
                    "Try the **snake method**: briquettes in a ring around the edge, two wide "
                    "and two high, a few lit ones at one end. Add a few wood chunks along the "
                    "way. Mine held 115–125 °C for seven hours without touching it."
                ),
                comments=(DemoComment("hanna", "The snake method it is. Thanks!", 3),),
            ),
        ),
    ),
    # Compact gas camping stove
    DemoQuestion(
        title="Which gas cartridges fit the compact camping stove?",
        author="gijs",
        days_ago=42.2,
        phase=BEFORE,
        sku="OC-STV-01",
        tags=("Accessories",),
        up=4,
        body="I am going to Norway and would rather buy gas there than fly with it.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=2,
                up=5,
                accepted=True,
                body=(
                    "Any screw-on cartridge with the EN 417 valve: the common ones from "
                    "outdoor shops and many supermarkets. Not the pierceable blue ones and not "
                    "the long butane cans for table stoves."
                ),
            ),
            DemoAnswer(
                author="sam",
                after_hours=4,
                up=2,
                official=True,
                body=(
                    "Right: EN 417 screw-on cartridges of 100, 230 or 450 g all fit. Outdoor "
                    "shops in Norway stock them, so buying gas there is the easy way."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Does the camping stove work below freezing?",
        author="dirk",
        days_ago=27.5,
        phase=BEFORE,
        sku="OC-STV-01",
        up=1,
        body="Planning a winter weekend in the Ardennes; nights around −5 °C.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=3,
                up=3,
                body=(
                    "It does, with two tricks: use a winter gas mix (with propane), and keep "
                    "the cartridge in your sleeping bag or jacket until you cook. I cooked at "
                    "−5 °C that way; it is slower than in summer, but fine."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="The piezo igniter of my camping stove stopped sparking",
        author="carla",
        days_ago=15.2,
        phase=AFTER,
        sku="OC-STV-01",
        tags=("Spare parts", "Returns and warranty"),
        up=1,
        body="Gas comes out, but no spark any more. It is a year and a half old.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=2,
                up=2,
                accepted=True,
                official=True,
                body=(
                    "Check that the wire tip sits about 4 mm from the burner and is not bent or "
                    "dirty; a light brush usually brings the spark back.\n\n"
                    "If it stays dead, it falls within the two-year warranty: contact support "
                    "with your order number. Until then, a lighter does the job."
                ),
            ),
        ),
    ),
    # Portable pizza oven 12 inch
    DemoQuestion(
        title="Propane or butane for the pizza oven in winter?",
        author="anna",
        days_ago=3.2,
        phase=AFTER,
        sku="OC-PZO-12",
        body="My oven is on its way. We want to use it on the terrace in December too.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=2,
                up=2,
                body="Propane. Butane hardly gasifies below freezing, so the flame stays small.",
            ),
            DemoAnswer(
                author="sam",
                after_hours=5,
                up=2,
                official=True,
                body=(
                    "Propane in winter, yes. The oven runs on both; use the regulator that fits "
                    "your gas bottle and your country, and check the hose for cracks every "
                    "season."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can the pizza oven bake thick-crust pizzas too?",
        author="emma",
        days_ago=22.2,
        phase=BEFORE,
        sku="OC-PZO-12",
        body="We prefer a thicker crust over Neapolitan style.",
        answers=(
            DemoAnswer(
                author="dirk",
                after_hours=9,
                up=2,
                body=(
                    "Yes, but turn the flame down once the pizza is in. At full heat the top "
                    "burns before a thick crust is done; at a lower flame it takes four or five "
                    "minutes and comes out fine. Turn it every minute."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Is the pizza stone replaceable if it cracks?",
        author="fatima",
        days_ago=1.2,
        phase=BEFORE,
        sku="OC-PZO-12",
        tags=("Spare parts",),
        body="Friends' stone cracked in the first year. Can you buy a new one?",
    ),
    # Wireless meat thermometer
    DemoQuestion(
        title="Does the meat thermometer really reach 50 metres through walls?",
        author="hanna",
        days_ago=31.4,
        phase=BEFORE,
        sku="OC-THM-02",
        up=3,
        body="The barbecue is at the back of the garden and I would like to stay in the kitchen.",
        answers=(
            DemoAnswer(
                author="bram",
                after_hours=2,
                up=4,
                accepted=True,
                body=(
                    "50 m is in open air. With the barbecue lid closed and me inside behind a "
                    "brick wall I get a steady connection up to about 15 m. From the kitchen "
                    "to the back of an ordinary garden it works fine."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can the thermometer probes go in the dishwasher?",
        author="bram",
        days_ago=17.3,
        phase=AFTER,
        sku="OC-THM-02",
        tags=("Cleaning and care",),
        body="They get greasy after a long cook.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=3,
                up=3,
                accepted=True,
                official=True,
                body=(
                    "No. The probes are IPX6: they stand splashes and rain, but not soaking or "
                    "a dishwasher. Wipe them with a warm soapy cloth, keeping the end where "
                    "the cable goes in out of the water."
                ),
            ),
        ),
    ),
    # Camping cook set for two
    DemoQuestion(
        title="Does the stove really fit inside the cook set together with a gas cartridge?",
        author="dirk",
        days_ago=39.2,
        phase=BEFORE,
        sku="OC-CKS-03",
        tags=("Sizing",),
        up=2,
        body="I want to keep my pack as small as possible.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=4,
                up=4,
                accepted=True,
                body=(
                    "Yes: the stove and a 100 g cartridge go in the large pot, with the small "
                    "pot and the mugs around them. A 230 g cartridge does not fit."
                ),
                comments=(
                    DemoComment("dirk", "Perfect, the 100 g one lasts me a weekend anyway.", 3),
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can the anodised pots of the cook set go on a campfire?",
        author="gijs",
        days_ago=23.4,
        phase=BEFORE,
        sku="OC-CKS-03",
        body="Sometimes we cook on a fire instead of the stove.",
        answers=(
            DemoAnswer(
                author="carla",
                after_hours=5,
                up=2,
                body=(
                    "I would keep them to embers, never in the flames: the aluminium is thin "
                    "and the handles get hot. Mine are fine after a few careful fires, but "
                    "black on the outside."
                ),
            ),
        ),
    ),
    # Not about one product
    DemoQuestion(
        title="Which pans would you buy first for a new kitchen with induction?",
        author="emma",
        days_ago=50.3,
        phase=BEFORE,
        sku=None,
        tags=("Induction",),
        up=6,
        body=(
            "I am furnishing my first kitchen and the budget is limited. Which two or three "
            "pans do you use most?"
        ),
        answers=(
            DemoAnswer(
                author="anna",
                after_hours=1,
                up=6,
                body=(
                    "The 28 cm cast-iron skillet and the 18 cm saucepan. The skillet does "
                    "searing, roasting and even baking; the saucepan does rice, sauces and "
                    "vegetables. Both work on induction and last a lifetime."
                ),
            ),
            DemoAnswer(
                author="dirk",
                after_hours=3,
                up=3,
                body=(
                    "Add the Dutch oven if you like soups and stews, or bake bread. It is not "
                    "cheap, but it replaces a stockpot, a casserole and a bread tin."
                ),
            ),
            DemoAnswer(
                author="carla",
                after_hours=8,
                up=2,
                body="A non-stick pan for eggs and pancakes. Cast iron can, but it takes practice.",
            ),
        ),
        comments=(DemoComment("hanna", "Saving this thread for my daughter's move.", 30),),
    ),
    DemoQuestion(
        title="Can I return a pan I have used once?",
        author="emma",
        days_ago=36.1,
        phase=BEFORE,
        sku=None,
        tags=("Returns and warranty",),
        up=3,
        body="What if it turns out too heavy for me once I start cooking with it?",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=2,
                up=4,
                accepted=True,
                official=True,
                body=(
                    "You can return products **unused** within 30 days. Once a pan has been "
                    "cooked in we cannot sell it again, so then it cannot be returned, unless "
                    "it has a fault: the two-year warranty covers manufacturing faults.\n\n"
                    "Not sure about the weight? Ask here first; owners are happy to tell you "
                    "how a pan handles."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="How can I tell whether a pan works on induction?",
        author="fatima",
        days_ago=25.2,
        phase=BEFORE,
        sku=None,
        tags=("Induction",),
        up=4,
        body="Some of my old pans work and some do not, even ones that look alike.",
        answers=(
            DemoAnswer(
                author="gijs",
                after_hours=1,
                up=5,
                accepted=True,
                body=(
                    "The magnet test: if a fridge magnet sticks firmly to the bottom, the pan "
                    "works on induction. If it does not stick, or only weakly, it will not."
                ),
                comments=(
                    DemoComment(
                        "sam",
                        "And on our product pages, the specifications list the hobs each pan "
                        "suits.",
                        4,
                    ),
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Do you deliver to Belgium, and how long does it take?",
        author="gijs",
        days_ago=11.1,
        phase=BEFORE,
        sku=None,
        tags=("Delivery",),
        body="I live just across the border in Antwerp.",
        answers=(
            DemoAnswer(
                author="sam",
                after_hours=1,
                up=2,
                accepted=True,
                official=True,
                body=(
                    "Yes, we deliver to Belgium. Orders placed on a working day before 17:00 "
                    "usually arrive within two to three working days; you get a tracking link "
                    "by e-mail once the parcel leaves."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can I read the product manuals before I buy?",
        author="hanna",
        days_ago=34.2,
        phase=BEFORE,
        sku=None,
        up=2,
        body="I like to read the care instructions before I decide.",
        answers=(
            DemoAnswer(
                author="eva",
                after_hours=2,
                up=3,
                accepted=True,
                body=(
                    "Yes: every product page has its manual as a PDF under *Manuals*, next to "
                    "the before-buying and after-buying notes. No account needed."
                ),
            ),
        ),
    ),
    DemoQuestion(
        title="Can I send a gift card by e-mail?",
        author="carla",
        days_ago=0.6,
        phase=BEFORE,
        sku=None,
        tags=("Delivery",),
        body="My brother's birthday is on Friday and a parcel will not make it.",
    ),
]


# SECTION seeding


@transaction.atomic
def seed(stdout) -> None:
    created_members = _members_seed()
    created_tags = _tags_seed()
    titles = [question.title for question in DEMO_QUESTIONS]
    if Question.objects.filter(title__in=titles).exists():
        stdout.write(
            f"Demo questions: already there ({created_members} members, "
            f"{created_tags} tags created)."
        )
        return
    members = {user.username: user for user in User.objects.filter(username__in=VOTERS)}
    tag_names = {
        label: Tag.objects.filter(Q(name=label) | Q(slug=slug)).values_list("name", flat=True)[0]
        for label, slug in DEMO_TAGS.items()
    }
    products = {page.sku: page for page in ProductPage.objects.filter(sku__in=_skus())}
    now = timezone.now()
    counts = {"answers": 0, "comments": 0, "votes": 0}
    downvotes: list[tuple[Answer, str]] = []
    for number, spec in enumerate(DEMO_QUESTIONS):
        _question_seed(
            spec,
            number=number,
            members=members,
            products=products,
            tag_names=tag_names,
            now=now,
            counts=counts,
            downvotes=downvotes,
        )
    _downvotes_cast(downvotes, members=members)
    stdout.write(
        f"Demo questions: {len(DEMO_QUESTIONS)} created, with {counts['answers']} answers, "
        f"{counts['comments']} comments and {counts['votes']} votes "
        f"({created_members} members, {created_tags} tags created)."
    )


def _members_seed() -> int:
    return sum(member_ensure(member) for member in EXTRA_MEMBERS)


def _tags_seed() -> int:
    created = 0
    for name, slug in DEMO_TAGS.items():
        # Staff may have made one of these already, under this name or this slug.
        if not Tag.objects.filter(Q(name=name) | Q(slug=slug)).exists():
            Tag.objects.create(name=name, slug=slug)
            created += 1
    return created


def _skus() -> set[str]:
    return {spec.sku for spec in DEMO_QUESTIONS if spec.sku}


def _question_seed(
    spec: DemoQuestion, *, number: int, members, products, tag_names, now, counts, downvotes
) -> None:
    asker = members[spec.author]
    question = services.question_create(
        author=asker,
        title=spec.title,
        body=spec.body,
        phase=spec.phase,
        product=products.get(spec.sku) if spec.sku else None,
        tags=[tag_names[label] for label in spec.tags],
    )
    asked_at = now - timedelta(days=spec.days_ago)
    moments: list[datetime] = [asked_at]
    question_times = {"created_at": asked_at}

    for comment_spec in spec.comments:
        comment = services.comment_create(
            question=question, author=members[comment_spec.author], body=comment_spec.body
        )
        moments.append(_backdate_comment(comment, asked_at, comment_spec, now))
        counts["comments"] += 1
    counts["votes"] += _votes_cast(
        question, spec.up, 0, members=members, offset=number, downvotes=downvotes
    )

    for position, answer_spec in enumerate(spec.answers):
        answer = services.answer_create(
            question=question, author=members[answer_spec.author], body=answer_spec.body
        )
        answered_at = _at(asked_at + timedelta(hours=answer_spec.after_hours), now)
        Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
        _revisions_backdate(answer, answered_at)
        moments.append(answered_at)
        counts["answers"] += 1
        for comment_spec in answer_spec.comments:
            comment = services.comment_create(
                question=question,
                answer=answer,
                author=members[comment_spec.author],
                body=comment_spec.body,
            )
            moments.append(_backdate_comment(comment, answered_at, comment_spec, now))
            counts["comments"] += 1
        counts["votes"] += _votes_cast(
            answer,
            answer_spec.up,
            answer_spec.down,
            members=members,
            offset=number + position,
            downvotes=downvotes,
        )
        AnswerVote.objects.filter(answer=answer).update(
            created_at=_at(answered_at + timedelta(hours=6), now)
        )
        if answer_spec.accepted:
            services.answer_accept(answer=answer, user=asker)
        if answer_spec.official:
            services.answer_mark_official(answer=answer, staff=members[STAFF])
            AuditLogEntry.objects.filter(
                target_type=ContentType.objects.get_for_model(Answer), target_id=answer.pk
            ).update(created_at=_at(answered_at + timedelta(hours=1), now))

    QuestionVote.objects.filter(question=question).update(
        created_at=_at(asked_at + timedelta(hours=6), now)
    )
    question_times["last_activity_at"] = max(moments)
    Question.objects.filter(pk=question.pk).update(**question_times)
    _revisions_backdate(question, asked_at)


def _votes_cast(item, up: int, down: int, *, members, offset: int, downvotes: list) -> int:
    """Cast ``up`` upvotes and queue ``down`` downvotes from different members, never the
    author."""
    pool = [name for name in VOTERS if members[name].pk != item.author_id]
    start = offset % len(pool)
    voters = pool[start:] + pool[:start]
    if up + down > len(voters):
        raise ValueError(f"Not enough demo members to cast {up + down} votes on {item}.")
    for name in voters[:up]:
        services.vote_cast(voter=members[name], item=item, value=1)
    # Voting down needs reputation (a privilege), which members earn from the upvotes and
    # accepts of the whole demo: those votes are cast at the end, see _downvotes_cast.
    downvotes.extend((item, name) for name in voters[up : up + down])
    return up + down


def _downvotes_cast(downvotes: list[tuple[Answer, str]], *, members) -> None:
    for answer, name in downvotes:
        voter = members[name]
        voter.refresh_from_db(fields=["reputation"])
        services.vote_cast(voter=voter, item=answer, value=-1)
        upvoted_at = AnswerVote.objects.filter(answer=answer).order_by("created_at").first()
        AnswerVote.objects.filter(answer=answer, voter=voter).update(
            created_at=upvoted_at.created_at if upvoted_at else answer.created_at
        )


def _backdate_comment(comment: Comment, parent_at: datetime, spec: DemoComment, now) -> datetime:
    written_at = _at(parent_at + timedelta(hours=spec.after_hours), now)
    Comment.objects.filter(pk=comment.pk).update(created_at=written_at)
    return written_at


def _revisions_backdate(item, when: datetime) -> None:
    Revision.objects.filter(
        target_type=ContentType.objects.get_for_model(item), target_id=item.pk
    ).update(created_at=when)


def _at(moment: datetime, now: datetime) -> datetime:
    """Never in the future: recent questions get their answers "just now" at the latest."""
    return min(moment, now - timedelta(minutes=5))
