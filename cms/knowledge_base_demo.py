"""Demo knowledge base for `manage.py seed_demo`: sections, categories, articles, an FAQ page,
and one article promoted from a demo question (through the real service) and published.

Every piece is created only when missing, so seeding again changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Site
from wagtail.rich_text import RichText

from .enums import Layer
from .knowledge_base import (
    ArticleManual,
    ArticlePage,
    ArticleRelatedLink,
    FAQPage,
    KnowledgeBaseCategory,
    KnowledgeBaseIndexPage,
    KnowledgeBaseSectionPage,
)
from .models import HomePage, ProductManual, ProductPage
from .services import knowledge_base_workflow_assign

SECTIONS = [
    (
        Layer.BEFORE_BUYING,
        "before-buying",
        "Before you buy",
        "<p>Which pan, grinder or stove fits your kitchen and the way you cook: sizes, "
        "compatibility and how our products differ.</p>",
    ),
    (
        Layer.AFTER_BUYING,
        "after-buying",
        "After you buy",
        "<p>Set-up, care, troubleshooting, returns and warranty for what you already own.</p>",
    ),
    (
        Layer.AROUND_PRODUCT,
        "around-the-product",
        "Recipes and guides",
        "<p>Recipes, brew guides and outdoor-cooking know-how: useful whatever you bought.</p>",
    ),
]

CATEGORIES = {
    Layer.BEFORE_BUYING: ["Choosing cookware", "Coffee and tea gear", "Outdoor gear"],
    Layer.AFTER_BUYING: ["Care and cleaning", "Troubleshooting", "Returns and warranty"],
    Layer.AROUND_PRODUCT: ["Recipes", "Brew guides", "Cooking outdoors"],
}

P = "paragraph"


def _steps(*steps):
    return [("step", title, text) for title, text in steps]


# (layer, category, title, summary, product SKUs, tags, body, days since review)
ARTICLES = [
    (
        Layer.BEFORE_BUYING,
        "Choosing cookware",
        "Which pan for which hob?",
        "Induction, gas, ceramic or electric: how to tell whether a pan works on your hob.",
        ["CW-SKL-28", "CW-NSP-24", "CW-SAU-18"],
        ["Induction"],
        [
            ("heading", "Induction needs a magnetic base"),
            (
                P,
                "<p>Hold a fridge magnet to the bottom of the pan: if it sticks, the pan "
                "works on induction. Cast iron and most stainless steel do.</p>",
            ),
            ("heading", "Gas and electric take almost anything"),
            (P, "<p>Any flat-bottomed pan works. On gas, keep the flame under the base.</p>"),
            ("heading", "Glass-ceramic hobs"),
            (P, "<p>Lift heavy pans instead of sliding them, so the glass does not scratch.</p>"),
            (
                "table",
                "Our pans and hobs",
                [
                    ("Cast-iron skillet", "All hobs, including induction"),
                    ("Ceramic non-stick pan", "All hobs, including induction"),
                    ("Stainless saucepan", "All hobs, including induction"),
                ],
            ),
        ],
        30,
    ),
    (
        Layer.BEFORE_BUYING,
        "Choosing cookware",
        "Cast iron, stainless or non-stick?",
        "What each material is good at, and which one to buy first.",
        ["CW-SKL-28", "CW-NSP-24", "CW-SAU-18"],
        [],
        [
            (
                P,
                "<p>Cast iron holds heat and sears; stainless steel is the all-rounder that "
                "goes in the dishwasher; ceramic non-stick is kind to eggs and fish.</p>",
            ),
            (
                "tip",
                "Start with one good pan",
                "<p>A 28 cm skillet covers most everyday cooking for two to four people.</p>",
            ),
        ],
        60,
    ),
    (
        Layer.BEFORE_BUYING,
        "Choosing cookware",
        "Which size Dutch oven do I need?",
        "From 2 to 6 people: the capacity you need for stews, soups and bread.",
        ["CW-DOV-24"],
        [],
        [
            (
                "table",
                "Capacity per household",
                [
                    ("1–2 people", "2.5–3 l"),
                    ("2–4 people", "4–4.5 l"),
                    ("4–6 people", "5.5 l +"),
                ],
            ),
            (P, "<p>The 24 cm Dutch oven (4.2 l) bakes a loaf of up to 750 g of flour.</p>"),
        ],
        45,
    ),
    (
        Layer.BEFORE_BUYING,
        "Coffee and tea gear",
        "Burr grinder or blade grinder?",
        "Why an even grind matters, and when a burr grinder pays for itself.",
        ["CT-GRD-01"],
        [],
        [
            (
                P,
                "<p>Blades chop beans into dust and chunks; burrs crush them to one size. An "
                "even grind extracts evenly, so the cup tastes sweeter and less bitter.</p>",
            ),
        ],
        20,
    ),
    (
        Layer.BEFORE_BUYING,
        "Coffee and tea gear",
        "French press, moka pot or pour-over?",
        "Three brewers compared: taste, effort and how many cups.",
        ["CT-FRP-08", "CT-ESP-06", "CT-KET-12"],
        [],
        [
            (
                "table",
                "At a glance",
                [
                    ("French press", "Full-bodied, 4 minutes, up to 8 cups"),
                    ("Moka pot", "Strong and intense, 5 minutes, 6 small cups"),
                    ("Pour-over", "Clean and bright, 3 minutes, 1–2 cups"),
                ],
            ),
        ],
        15,
    ),
    (
        Layer.BEFORE_BUYING,
        "Outdoor gear",
        "Gas or charcoal for your barbecue?",
        "Heat, taste, cost and convenience of gas and charcoal compared.",
        ["OC-BBQ-57", "OC-STV-01"],
        [],
        [
            (
                P,
                "<p>Charcoal gives the smoky taste and the highest searing heat; gas lights "
                "in seconds and is easier to control.</p>",
            ),
        ],
        90,
    ),
    (
        Layer.BEFORE_BUYING,
        "Outdoor gear",
        "Will the pizza oven fit on my table?",
        "Dimensions, weight and the clearance the portable pizza oven needs.",
        ["OC-PZO-12"],
        [],
        [
            (
                P,
                "<p>It needs a stable, heat-resistant surface of at least 60 × 80 cm and "
                "one metre of free space above and around it.</p>",
            ),
        ],
        10,
    ),
    (
        Layer.AFTER_BUYING,
        "Care and cleaning",
        "Seasoning a cast-iron skillet, step by step",
        "Build a smooth, non-stick layer on cast iron, and repair it when it wears.",
        ["CW-SKL-28"],
        ["Cleaning"],
        [
            (
                P,
                "<p>The skillet comes pre-seasoned. Season it again when food starts to "
                "stick or after you scrubbed off rust.</p>",
            ),
            *_steps(
                (
                    "Clean and dry",
                    "<p>Wash with hot water, dry with a cloth, then heat it "
                    "on the hob for two minutes to drive out the last moisture.</p>",
                ),
                (
                    "Oil very thinly",
                    "<p>Rub a teaspoon of neutral oil all over, then wipe "
                    "it off again as if you made a mistake: only a film should stay.</p>",
                ),
                (
                    "Bake upside down",
                    "<p>One hour at 230 °C, with foil on the rack below to "
                    "catch drips. Let it cool in the oven.</p>",
                ),
                ("Repeat", "<p>Three rounds give a durable layer.</p>"),
            ),
            (
                "tip",
                "Cook fatty food first",
                "<p>Frying bacon or potatoes in the first weeks builds seasoning faster.</p>",
            ),
        ],
        12,
    ),
    (
        Layer.AFTER_BUYING,
        "Care and cleaning",
        "Getting the Dutch oven's enamel white again",
        "Brown stains inside enamelled cast iron come off without scratching.",
        ["CW-DOV-24"],
        ["Cleaning"],
        [
            *_steps(
                (
                    "Soak",
                    "<p>Fill with warm water and two tablespoons of baking soda; "
                    "simmer for ten minutes.</p>",
                ),
                ("Scrub gently", "<p>Use a soft sponge, never steel wool.</p>"),
                ("Rinse and dry", "<p>Dry it completely before you put the lid on.</p>"),
            ),
        ],
        25,
    ),
    (
        Layer.AFTER_BUYING,
        "Care and cleaning",
        "Descaling the gooseneck kettle",
        "Keep the kettle accurate and quiet by descaling it once a month.",
        ["CT-KET-12"],
        ["Cleaning"],
        [
            *_steps(
                ("Mix", "<p>Dissolve 2 tablespoons of citric acid in 1 litre of water.</p>"),
                ("Heat", "<p>Heat to 80 °C and leave it for 20 minutes.</p>"),
                ("Rinse twice", "<p>Boil and pour away fresh water twice.</p>"),
            ),
        ],
        40,
    ),
    (
        Layer.AFTER_BUYING,
        "Care and cleaning",
        "Cleaning the burrs of the grinder",
        "Take the burrs out, brush them clean and put them back without changing the setting.",
        ["CT-GRD-01"],
        ["Cleaning"],
        [
            *_steps(
                ("Empty and unplug", "<p>Run the grinder empty, then unplug it.</p>"),
                (
                    "Lift out the upper burr",
                    "<p>Turn the hopper to the coarsest setting and lift it out with the burr.</p>",
                ),
                ("Brush", "<p>Brush both burrs with the brush from the box. No water.</p>"),
                ("Reassemble", "<p>Put the burr back and return to your setting.</p>"),
            ),
        ],
        33,
    ),
    (
        Layer.AFTER_BUYING,
        "Troubleshooting",
        "Kettle error codes explained",
        "What E1, E2 and E3 on the gooseneck kettle's display mean and what to do.",
        ["CT-KET-12"],
        [],
        [
            (
                "table",
                "Error codes",
                [
                    ("E1", "Boiled dry: fill with water and wait 10 minutes"),
                    ("E2", "Temperature sensor fault: contact support"),
                    ("E3", "Not on the base properly: reseat the kettle"),
                ],
            ),
        ],
        8,
    ),
    (
        Layer.AFTER_BUYING,
        "Troubleshooting",
        "Food sticks to the ceramic pan",
        "Why ceramic coatings lose their slickness, and how to get it back.",
        ["CW-NSP-24"],
        [],
        [
            (
                P,
                "<p>Burnt-on oil and too much heat make ceramic sticky. Use a medium heat "
                "and a little fat, and clean it with a paste of baking soda and water.</p>",
            ),
        ],
        50,
    ),
    (
        Layer.AFTER_BUYING,
        "Troubleshooting",
        "The camping stove won't light",
        "Check the cartridge, the valve and the piezo igniter, in that order.",
        ["OC-STV-01"],
        [],
        [
            *_steps(
                ("Check the cartridge", "<p>Shake it; below 0 °C butane barely flows.</p>"),
                ("Open the valve a quarter", "<p>Listen for a soft hiss.</p>"),
                ("Try a match", "<p>If a match lights it, the igniter needs cleaning.</p>"),
            ),
            ("code", "Spare part number for the igniter", "TF-STV-IGN-01"),
        ],
        70,
    ),
    (
        Layer.AFTER_BUYING,
        "Returns and warranty",
        "How to return a product",
        "Return within 30 days: what you need and how the refund works.",
        [],
        ["Warranty"],
        [
            (
                P,
                "<p>Unused products can be returned within 30 days. Keep the order number "
                "at hand and use the return label from your order e-mail.</p>",
            ),
        ],
        5,
    ),
    (
        Layer.AFTER_BUYING,
        "Returns and warranty",
        "What the warranty covers",
        "Two years on manufacturing faults, ten on barbecue bowls: what counts and what not.",
        ["OC-BBQ-57"],
        ["Warranty"],
        [
            (
                P,
                "<p>The warranty covers faults in materials and manufacturing. Wear, like a "
                "rusty grate after years of use, is not covered.</p>",
            ),
        ],
        5,
    ),
    (
        Layer.AROUND_PRODUCT,
        "Recipes",
        "No-knead Dutch oven bread",
        "A crusty loaf with four ingredients and five minutes of work.",
        ["CW-DOV-24"],
        [],
        [
            (
                "table",
                "Ingredients",
                [
                    ("Flour", "500 g"),
                    ("Water", "375 ml"),
                    ("Salt", "10 g"),
                    ("Dried yeast", "2 g"),
                ],
            ),
            *_steps(
                ("Mix", "<p>Stir everything into a shaggy dough; cover and leave 12–18 hours.</p>"),
                ("Shape", "<p>Fold into a ball on a floured surface; rest 1 hour.</p>"),
                (
                    "Bake",
                    "<p>Preheat the pot at 250 °C; bake 30 minutes covered and 15 uncovered.</p>",
                ),
            ),
        ],
        18,
    ),
    (
        Layer.AROUND_PRODUCT,
        "Recipes",
        "Perfect skillet steak",
        "Sear, baste and rest: a steakhouse crust at home.",
        ["CW-SKL-28", "OC-THM-02"],
        [],
        [
            *_steps(
                ("Dry and salt", "<p>Pat the steak dry and salt it an hour ahead.</p>"),
                ("Sear", "<p>Heat the skillet until it smokes lightly; sear 2 minutes a side.</p>"),
                ("Baste", "<p>Add butter, garlic and thyme and spoon it over.</p>"),
                ("Rest", "<p>Take it out at 52 °C core temperature and rest 5 minutes.</p>"),
            ),
        ],
        22,
    ),
    (
        Layer.AROUND_PRODUCT,
        "Brew guides",
        "Pour-over coffee with the gooseneck kettle",
        "A clean, bright cup in three minutes: ratio, temperature and pouring.",
        ["CT-KET-12", "CT-GRD-01"],
        [],
        [
            ("code", "Recipe for one cup", "15 g coffee : 250 g water at 94 °C\nbloom 30 s"),
            *_steps(
                ("Rinse the filter", "<p>Rinse the paper with hot water; pour it away.</p>"),
                ("Bloom", "<p>Pour 40 g of water and wait 30 seconds.</p>"),
                ("Pour in circles", "<p>Pour the rest in slow spirals for two minutes.</p>"),
            ),
        ],
        14,
    ),
    (
        Layer.AROUND_PRODUCT,
        "Brew guides",
        "Brewing loose-leaf tea in a cast-iron teapot",
        "Temperatures and steeping times for green, black and herbal tea.",
        ["CT-TEA-07", "CT-KET-12"],
        [],
        [
            (
                "table",
                "Temperature and time",
                [
                    ("Green tea", "70–80 °C, 2 minutes"),
                    ("Black tea", "95 °C, 3–4 minutes"),
                    ("Rooibos", "100 °C, 5 minutes"),
                ],
            ),
        ],
        35,
    ),
    (
        Layer.AROUND_PRODUCT,
        "Cooking outdoors",
        "Low-and-slow ribs on the kettle barbecue",
        "Set up indirect heat and keep 120 °C for five hours.",
        ["OC-BBQ-57", "OC-THM-02"],
        [],
        [
            ("heading", "Set up two zones"),
            (P, "<p>Bank the coals on one side; the ribs go on the other.</p>"),
            ("heading", "Keep the temperature steady"),
            (P, "<p>Aim for 110–125 °C with the vents a third open.</p>"),
            ("heading", "Know when they are done"),
            (P, "<p>At 93 °C core temperature the meat pulls back from the bone.</p>"),
        ],
        28,
    ),
    (
        Layer.AROUND_PRODUCT,
        "Cooking outdoors",
        "Neapolitan-style pizza in the portable oven",
        "Dough, heat and timing for a blistered crust in 90 seconds.",
        ["OC-PZO-12"],
        [],
        [
            (
                P,
                "<p>Heat the stone for 20 minutes until it reads 400 °C, launch the pizza "
                "and turn it every 20 seconds.</p>",
            ),
        ],
        9,
    ),
]

FAQ = [
    (
        "How long does delivery take?",
        "<p>Orders placed before 17:00 ship the same day; "
        "delivery takes one to two working days.</p>",
    ),
    (
        "Can I return a product I have used?",
        "<p>Unused products within 30 days. A product "
        "with a fault is covered by the warranty, used or not.</p>",
    ),
    (
        "Where do I find the manual?",
        "<p>On the product's page under “After you buy”, as a PDF to download.</p>",
    ),
    (
        "Do you ship gas cartridges?",
        "<p>No: cartridges cannot be sent by post. Outdoor shops and supermarkets sell them.</p>",
    ),
]

PROMOTED_QUESTION = "Rust spots after the first wash: did I ruin my skillet?"


def seed(stdout) -> None:
    index = _index()
    if index is None:
        stdout.write("Demo knowledge base: no home page, skipped.")
        return
    knowledge_base_workflow_assign(index=index)
    sections = {
        layer: _section(index, layer, slug, title, intro) for layer, slug, title, intro in SECTIONS
    }
    categories = _categories()
    created = _articles(sections, categories)
    _faq(index)
    promoted = _promoted_article()
    stdout.write(
        f"Demo knowledge base: {created} articles created"
        + ("; one article promoted from a question." if promoted else ".")
    )


@transaction.atomic
def _index() -> KnowledgeBaseIndexPage | None:
    existing = KnowledgeBaseIndexPage.objects.order_by("path").first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else HomePage.objects.order_by("path").first()
    if home is None:
        return None
    index = KnowledgeBaseIndexPage(
        title="Knowledge base",
        slug="kb",
        intro="<p>Guides, answers and recipes from the shop, sorted by where you are: "
        "choosing, using, or getting more out of what you bought.</p>",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _section(index, layer, slug, title, intro) -> KnowledgeBaseSectionPage:
    existing = KnowledgeBaseSectionPage.objects.child_of(index).filter(layer=layer).first()
    if existing is not None:
        return existing
    section = KnowledgeBaseSectionPage(title=title, slug=slug, layer=layer, intro=intro)
    index.add_child(instance=section)
    section.save_revision().publish()
    return section


def _categories() -> dict:
    found = {}
    for layer, names in CATEGORIES.items():
        for order, name in enumerate(names):
            category, _created = KnowledgeBaseCategory.objects.get_or_create(
                layer=layer,
                slug=slugify(name),
                defaults={"name": name, "sort_order": order * 10},
            )
            found[(layer, name)] = category
    return found


@transaction.atomic
def _articles(sections, categories) -> int:
    products = {p.sku: p for p in ProductPage.objects.all()}
    manuals = {m.page_id: m.document for m in ProductManual.objects.select_related("document")}
    today = datetime.date.today()
    created = []
    for layer, category, title, summary, skus, tag_names, body, age in ARTICLES:
        section = sections[layer]
        slug = slugify(title)
        if ArticlePage.objects.child_of(section).filter(slug=slug).exists():
            continue
        related = [products[sku] for sku in skus if sku in products]
        article = ArticlePage(
            title=title,
            slug=slug,
            summary=summary,
            body=[_block(*block) for block in body],
            category=categories[(layer, category)],
            last_reviewed=today - datetime.timedelta(days=age),
        )
        article.products = related
        if layer == Layer.AFTER_BUYING:
            article.manuals = [
                ArticleManual(document=manuals[p.pk], sort_order=i)
                for i, p in enumerate(related)
                if p.pk in manuals
            ]
        section.add_child(instance=article)
        if tag_names:
            article.tags.set(tag_names)
        created.append((article, related))
    # Related articles: others about the same product, once every article exists.
    for article, related in created:
        others = (
            ArticlePage.objects.filter(products__in=related)
            .exclude(pk=article.pk)
            .distinct()
            .order_by("title")[:3]
        )
        article.related_links = [
            ArticleRelatedLink(article=other, sort_order=i) for i, other in enumerate(others)
        ]
        article.save_revision().publish()
    return len(created)


def _block(block_type: str, *values):
    if block_type == "heading":
        return ("heading", values[0])
    if block_type == "paragraph":
        return ("paragraph", RichText(values[0]))
    if block_type == "step":
        return ("step", {"title": values[0], "text": RichText(values[1]), "image": None})
    if block_type == "tip":
        return ("tip", {"title": values[0], "text": RichText(values[1])})
    if block_type == "code":
        return ("code", {"caption": values[0], "code": values[1]})
    return (
        "table",
        {"caption": values[0], "rows": [{"label": k, "value": v} for k, v in values[1]]},
    )


def _faq(index) -> None:
    if FAQPage.objects.child_of(index).exists():
        return
    faq = FAQPage(
        title="Frequently asked questions",
        slug="faq",
        intro="<p>Quick answers about ordering, delivery and returns.</p>",
        questions=[("question_answer", {"question": q, "answer": RichText(a)}) for q, a in FAQ],
    )
    index.add_child(instance=faq)
    faq.save_revision().publish()


def _promoted_article() -> bool:
    """Promote the demo question's best answer through the service, then publish it."""
    from community.accounts.models import User
    from qa.models import Question
    from qa.promotion import answer_to_promote, article_promote_from_answer

    from .knowledge_base import ArticleProvenance

    question = Question.objects.filter(title=PROMOTED_QUESTION).first()
    staff = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    if question is None or staff is None:
        return False
    if ArticleProvenance.objects.filter(question=question).exists():
        return False
    answer = answer_to_promote(question)
    if answer is None:
        return False
    article = article_promote_from_answer(answer=answer, staff=staff)
    article = article.get_latest_revision_as_object()
    article.summary = (
        "Orange rust spots after the first wash are normal and easy to fix: scrub, dry and "
        "re-season."
    )
    article.last_reviewed = datetime.date.today()
    article.category = KnowledgeBaseCategory.objects.filter(
        layer=Layer.AFTER_BUYING, slug="care-and-cleaning"
    ).first()
    article.save_revision(user=staff).publish()
    return True
