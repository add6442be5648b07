"""Demo product reviews for `manage.py seed_demo`: every star level, photos, helpful votes,
and the shop's replies to the bad ones.

A few extra demo orders go in first, through the shop's own import, so that the reviewers
are verified buyers by the one rule; then everything is written through qa.services, as real
use would. Afterwards the timestamps are spread over the past weeks.

Seeding again changes nothing: the orders are keyed by order number and the reviews are
only made when none of the demo reviews exists yet.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from cms.models import ProductPage
from community.accounts.models import User
from community.common.uploads import ImageUpload
from shop.feeds import FeedRow
from shop.services import purchase_import_rows

from . import services
from .models import Review, ReviewReply

STAFF = "sam"

# Extra delivered orders, so that more of the demo customers may review.
DEMO_ORDERS = [
    ("R-200101", "emma@example.com", "CW-SKL-28", "2025-09-10"),
    ("R-200101", "emma@example.com", "CW-NSP-24", "2025-09-10"),
    ("R-200102", "gijs@example.com", "OC-STV-01", "2025-08-28"),
    ("R-200102", "gijs@example.com", "CW-SKL-28", "2025-08-28"),
    ("R-200103", "hanna@example.com", "CW-SKL-28", "2025-10-01"),
    ("R-200103", "hanna@example.com", "CT-KET-12", "2025-10-01"),
    ("R-200104", "dirk.visser@example.net", "CW-SKL-28", "2025-09-15"),
    ("R-200104", "dirk.visser@example.net", "OC-BBQ-57", "2025-09-15"),
    ("R-200105", "fatima@example.org", "CW-NSP-24", "2025-10-20"),
]


@dataclass(frozen=True)
class DemoReview:
    author: str
    sku: str
    rating: int
    title: str
    body: str
    pros: str = ""
    cons: str = ""
    photo: str = ""  # the photo's description, when the review has one
    reply: str = ""  # the shop's reply
    days_ago: int = 10


DEMO_REVIEWS = [
    DemoReview(
        "anna",
        "CW-SKL-28",
        5,
        "The last pan I will ever buy",
        "I sear steaks, bake cornbread and roast vegetables in it. After a month of daily "
        "use the seasoning is getting better, not worse.",
        pros="Even heat\nGoes into the oven\nComes pre-seasoned",
        cons="Heavy when full",
        days_ago=40,
    ),
    DemoReview(
        "emma",
        "CW-SKL-28",
        4,
        "Great pan, mind the handle",
        "Heats evenly once it is warm and keeps the heat when the meat goes in. The handle "
        "gets very hot, so keep a cloth or the silicone sleeve close.",
        pros="Perfect crust on steaks",
        cons="Hot handle\nNeeds drying straight after washing",
        photo="Two steaks searing in the skillet",
        days_ago=31,
    ),
    DemoReview(
        "dirk",
        "CW-SKL-28",
        3,
        "Good, but not for my induction hob",
        "It works, but on my small induction zone the edges stay cooler than the middle. "
        "On gas it is much better.",
        days_ago=22,
    ),
    DemoReview(
        "gijs",
        "CW-SKL-28",
        2,
        "Rust spots after camping",
        "I took it camping and after a rainy night it had rust spots. Maybe my fault, but "
        "I expected a pre-seasoned pan to cope with that.",
        cons="Rusts when left wet",
        reply="Sorry to hear that! Rust on cast iron is only on the surface: scrub the spots, "
        "dry the pan on the hob and rub in a drop of oil. Our care guide shows each step, and "
        "support sends you a free care kit if you write to us.",
        days_ago=18,
    ),
    DemoReview(
        "hanna",
        "CW-SKL-28",
        1,
        "Arrived with a chipped edge",
        "The box was fine but the rim of the pan had a chip. Disappointing for a present.",
        photo="The chipped rim of the skillet",
        reply="That should not happen, Hanna. We have sent a replacement today and you may "
        "keep or return the damaged one, whichever is easier for you.",
        days_ago=9,
    ),
    DemoReview(
        "anna",
        "CT-KET-12",
        4,
        "Precise pour, slow to boil",
        "The temperature hold is brilliant for green tea and pour-over. It is slower to boil "
        "than my old kettle.",
        pros="Holds the temperature\nControlled pour",
        cons="Slow to boil",
        days_ago=35,
    ),
    DemoReview(
        "hanna",
        "CT-KET-12",
        5,
        "Made my morning coffee better",
        "The gooseneck makes pour-over so much easier. Looks lovely on the counter too.",
        days_ago=12,
    ),
    DemoReview(
        "carla",
        "CW-NSP-24",
        3,
        "Light and slippery, for now",
        "Eggs slide right off. After two months the coating is less slick than at first, so "
        "I will see how it lasts.",
        days_ago=28,
    ),
    DemoReview(
        "emma",
        "CW-NSP-24",
        2,
        "Coating marked after a few weeks",
        "There are grey marks in the coating already. I only used wooden spoons.",
        reply="Thank you for telling us, Emma. Grey marks are often burnt-on oil rather than "
        "damage: a paste of baking soda and water usually lifts them. If they stay, the "
        "coating is under warranty; support will arrange a replacement.",
        days_ago=15,
    ),
    DemoReview(
        "fatima",
        "CW-NSP-24",
        5,
        "Perfect for pancakes",
        "Light enough to flip pancakes with one hand and nothing sticks.",
        days_ago=6,
    ),
    DemoReview(
        "carla",
        "OC-STV-01",
        5,
        "Tiny, and boils fast",
        "Fits in my mug with a gas canister. Boiled half a litre in under three minutes on a "
        "windy ridge.",
        pros="Tiny and light\nFast",
        cons="No wind shield included",
        photo="The stove boiling water on a mountain ridge",
        days_ago=45,
    ),
    DemoReview(
        "gijs",
        "OC-STV-01",
        4,
        "Reliable in the cold",
        "Worked at minus five with a winter canister. The piezo lighter fails now and then.",
        days_ago=20,
    ),
    DemoReview(
        "bram",
        "OC-BBQ-57",
        5,
        "Summer's best purchase",
        "Easy to control with the vents and the lid thermometer is accurate enough.",
        photo="Burgers on the kettle barbecue",
        days_ago=50,
    ),
    DemoReview(
        "dirk",
        "OC-BBQ-57",
        1,
        "Lid thermometer broke",
        "After three uses the thermometer stuck at 150 °C. Annoying on a barbecue this price.",
        reply="Sorry, Dirk. The thermometer is covered by the warranty: support will send a new "
        "one, which you can swap in two minutes without tools.",
        days_ago=14,
    ),
    DemoReview(
        "bram",
        "CT-GRD-01",
        4,
        "Quiet and consistent",
        "Much quieter than my blade grinder and the espresso settings are fine enough.",
        days_ago=33,
    ),
]


def seed(stdout) -> None:
    _orders_seed(stdout)
    if Review.objects.filter(title__in=[spec.title for spec in DEMO_REVIEWS]).exists():
        stdout.write("Demo reviews: already there.")
        return
    made = _reviews_seed()
    stdout.write(f"Demo reviews: {made} reviews with photos, helpful votes and replies.")


def _orders_seed(stdout) -> None:
    rows = [
        FeedRow(
            number,
            {
                "order_id": order_id,
                "email": email,
                "sku": sku,
                "quantity": "1",
                "ordered_at": f"{day}T09:00:00+02:00",
                "delivered_at": f"{day}T17:00:00+02:00",
            },
        )
        for number, (order_id, email, sku, day) in enumerate(DEMO_ORDERS, start=1)
    ]
    report = purchase_import_rows(rows=rows)
    stdout.write(f"Demo review orders: {report.summary_lines()[0]}")


@transaction.atomic
def _reviews_seed() -> int:
    members = {user.username: user for user in User.objects.all()}
    products = {page.sku: page for page in ProductPage.objects.exclude(sku="")}
    staff = members[STAFF]
    now = timezone.now()
    made = 0
    for number, spec in enumerate(DEMO_REVIEWS):
        product = products.get(spec.sku)
        author = members.get(spec.author)
        if product is None or author is None:
            continue
        photos = [_photo(spec.photo, seed=number)] if spec.photo else []
        review = services.review_create(
            author=author,
            product=product,
            rating=spec.rating,
            title=spec.title,
            body=spec.body,
            pros=spec.pros,
            cons=spec.cons,
            photos=photos,
        )
        made += 1
        # Helpful votes from other members; the more detailed reviews get more.
        voters = [
            user
            for name, user in sorted(members.items())
            if name not in (spec.author, STAFF) and not user.is_staff
        ]
        votes = (len(spec.body) + len(spec.pros) * 2) // 60
        for voter in voters[: min(votes, len(voters))]:
            services.review_helpful_toggle(review=review, voter=voter)
        if spec.reply:
            services.review_reply_save(review=review, staff=staff, body=spec.reply)
        written = now - timedelta(days=spec.days_ago, hours=number)
        Review.objects.filter(pk=review.pk).update(created_at=written)
        if spec.reply:
            ReviewReply.objects.filter(review=review).update(
                created_at=written + timedelta(hours=5)
            )
    return made


def _photo(alt: str, *, seed: int) -> ImageUpload:
    """A simple drawn picture: a pan-like shape on a coloured background."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = 1200, 900
    background = rng.choice(["#e9d8a6", "#94d2bd", "#ee9b00", "#ade8f4"])
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    for _ in range(120):
        x, y, radius = rng.randrange(width), rng.randrange(height), rng.randrange(4, 16)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="#ffffff")
    draw.ellipse((250, 150, 950, 850), fill="#222222")
    draw.rectangle((900, 440, 1180, 520), fill="#222222")
    draw.ellipse((330, 230, 870, 770), fill=rng.choice(["#9c6644", "#bb3e03", "#ca6702"]))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    upload = SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")
    return ImageUpload(upload, alt)
