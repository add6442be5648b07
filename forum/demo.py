"""Demo boards, topics, replies, quotes and photos for `manage.py seed_demo`.

Everything is written through forum.services, so counters, revisions, photos and follows are
what real use would leave behind; the photos are drawn here with Pillow, not downloaded.
Afterwards the timestamps are moved back over the past weeks.

Seeding again changes nothing: boards are made when missing, and topics only when none of
the demo topics exists yet.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from cms.models import ProductPage
from community.accounts.models import User
from community.common.uploads import ImageUpload
from community.revisions.models import Revision

from . import services
from .models import Board, Post, Topic

STAFF = "sam"

DEMO_BOARDS = [
    (
        "Getting started",
        "getting-started",
        "New here? Say hello, and ask what to do first with what you bought.",
        False,
    ),
    ("Tips & tricks", "tips-and-tricks", "Recipes, care routines and clever uses.", False),
    (
        "Product ideas",
        "product-ideas",
        "What should the shop sell next? What would you change?",
        False,
    ),
    ("Showcase", "showcase", "Show what you made with what you bought.", True),
]


@dataclass(frozen=True)
class DemoPhoto:
    alt: str
    colors: tuple[str, str]
    shape: str = "round"  # round, loaf or flame


@dataclass(frozen=True)
class DemoReply:
    author: str
    body: str
    after_hours: float
    quote: int | None = None  # index of an earlier post in this topic (0 = the first)
    photos: tuple[DemoPhoto, ...] = ()


@dataclass(frozen=True)
class DemoTopic:
    board: str
    title: str
    author: str
    days_ago: float
    body: str
    sku: str | None = None
    photos: tuple[DemoPhoto, ...] = ()
    replies: tuple[DemoReply, ...] = ()
    pinned: bool = False
    featured: bool = False


DEMO_TOPICS = [
    DemoTopic(
        board="getting-started",
        title="Welcome! Read this first",
        author=STAFF,
        days_ago=60,
        pinned=True,
        body=(
            "Welcome to the forum. A few tips:\n\n"
            "- Search the **questions** first; many answers are there already.\n"
            "- Use *Quote* to reply to one post in particular.\n"
            "- Add photos: we strip location data from them."
        ),
        replies=(DemoReply("anna", "Thanks, great to have a place for this!", after_hours=20),),
    ),
    DemoTopic(
        board="getting-started",
        title="First week with the cast-iron skillet",
        author="emma",
        days_ago=21,
        sku="CW-SKL-28",
        body="I have used the skillet every day this week. Eggs still stick a little. Normal?",
        replies=(
            DemoReply(
                "anna",
                "Completely normal. Fry something fatty a few times and it gets better.",
                after_hours=3,
            ),
            DemoReply(
                "dirk",
                "Agree with Anna. And heat it slowly, cast iron hates a rush.",
                after_hours=5,
                quote=1,
            ),
            DemoReply("emma", "Bacon tonight then. Thanks both!", after_hours=9, quote=2),
        ),
    ),
    DemoTopic(
        board="tips-and-tricks",
        title="Cleaning burnt enamel without scratching it",
        author="hanna",
        days_ago=14,
        sku="CW-DOV-24",
        body=(
            "Soak overnight with a spoon of baking soda, then simmer ten minutes. "
            "It all comes off with a wooden spatula."
        ),
        photos=(DemoPhoto("A clean cream enamel pot on a wooden board", ("#f3e9d2", "#c8553d")),),
        replies=(
            DemoReply("fatima", "This worked for my teapot too.", after_hours=30),
            DemoReply(
                "bram",
                "Tried it today: spotless. Photo for proof.",
                after_hours=50,
                quote=0,
                photos=(
                    DemoPhoto("The inside of the pot, shiny and clean", ("#fdfaf3", "#8d99ae")),
                ),
            ),
        ),
    ),
    DemoTopic(
        board="product-ideas",
        title="A lid that fits both the 24 and 28 cm pans",
        author="gijs",
        days_ago=9,
        body="A universal lid would save cupboard space. Who else wants one?",
        replies=(
            DemoReply("carla", "Yes please, with a steam hole.", after_hours=4),
            DemoReply(
                STAFF,
                "Thanks for the idea! We pass it on to our buyers.",
                after_hours=26,
                quote=0,
            ),
        ),
    ),
    DemoTopic(
        board="showcase",
        title="Sourdough from the Dutch oven",
        author="dirk",
        days_ago=6,
        sku="CW-DOV-24",
        featured=True,
        body=(
            "Saturday's bake: 75% hydration, 45 minutes in the Dutch oven, lid off after 25. "
            "The crust sings when it cools."
        ),
        photos=(
            DemoPhoto("A round sourdough loaf with a deep ear", ("#f6e7c8", "#a0522d"), "loaf"),
            DemoPhoto("The open crumb of the sliced loaf", ("#fff8e7", "#d9b48f"), "round"),
        ),
        replies=(
            DemoReply("emma", "That ear! What flour do you use?", after_hours=2),
            DemoReply(
                "dirk",
                "Plain bread flour with 20% whole wheat.",
                after_hours=4,
                quote=1,
            ),
        ),
    ),
    DemoTopic(
        board="showcase",
        title="Camp breakfast on the little stove",
        author="gijs",
        days_ago=3,
        body="Pancakes at 1,200 m. The stove did fine in the wind.",
        photos=(
            DemoPhoto("A small camping stove with a blue flame", ("#dbe9f6", "#1d3557"), "flame"),
        ),
        replies=(DemoReply("anna", "Now I want pancakes.", after_hours=1),),
    ),
    DemoTopic(
        board="showcase",
        title="Skillet cornbread",
        author="anna",
        days_ago=1.5,
        sku="CW-SKL-28",
        body="Cornbread straight from the oven, in the skillet.",
        photos=(DemoPhoto("Golden cornbread in a black skillet", ("#2b2d42", "#f4a261")),),
    ),
]


@transaction.atomic
def seed(stdout) -> None:
    boards = _boards_seed()
    if Topic.objects.filter(title__in=[spec.title for spec in DEMO_TOPICS]).exists():
        stdout.write("Demo forum: already there.")
        return
    members = {user.username: user for user in User.objects.all()}
    products = {page.sku: page for page in ProductPage.objects.exclude(sku="")}
    now = timezone.now()
    posts = photos = 0
    for number, spec in enumerate(DEMO_TOPICS):
        made_posts, made_photos = _topic_seed(
            spec, number=number, boards=boards, members=members, products=products, now=now
        )
        posts += made_posts
        photos += made_photos
    for board in boards.values():
        services._board_recount(board.pk)
    stdout.write(f"Demo forum: {len(DEMO_TOPICS)} topics, {posts} posts, {photos} photos.")


def _boards_seed() -> dict[str, Board]:
    boards = {}
    for order, (name, slug, description, showcase) in enumerate(DEMO_BOARDS):
        board = Board.objects.filter(slug=slug).first() or Board.objects.create(
            name=name,
            slug=slug,
            description=description,
            is_showcase=showcase,
            sort_order=order * 10,
        )
        boards[slug] = board
    return boards


def _topic_seed(spec: DemoTopic, *, number, boards, members, products, now) -> tuple[int, int]:
    author = members[spec.author]
    topic = services.topic_create(
        board=boards[spec.board],
        author=author,
        title=spec.title,
        body=spec.body,
        product=products.get(spec.sku) if spec.sku else None,
        photos=[_photo(photo, seed=number) for photo in spec.photos],
    )
    started = now - timedelta(days=spec.days_ago)
    written = [(topic.first_post, started)]
    photo_count = len(spec.photos)
    for position, reply in enumerate(spec.replies, start=1):
        quoted = written[reply.quote][0] if reply.quote is not None else None
        body = reply.body
        if quoted is not None:
            from .selectors import quote_markdown

            body = quote_markdown(quoted) + reply.body
        post = services.reply_create(
            topic=topic,
            author=members[reply.author],
            body=body,
            quoted=quoted,
            photos=[_photo(photo, seed=number * 10 + position) for photo in reply.photos],
        )
        photo_count += len(reply.photos)
        written.append((post, min(started + timedelta(hours=reply.after_hours), now)))
    post_type = ContentType.objects.get_for_model(Post)
    for post, when in written:
        Post.objects.filter(pk=post.pk).update(created_at=when)
        Revision.objects.filter(target_type=post_type, target_id=post.pk).update(created_at=when)
    Topic.objects.filter(pk=topic.pk).update(created_at=started)
    services._topic_recount(topic)
    topic.refresh_from_db()
    staff = members[STAFF]
    if spec.pinned:
        services.topic_set_pinned(topic=topic, staff=staff, pinned=True)
    if spec.featured:
        services.topic_set_featured(topic=topic, staff=staff, featured=True)
    return len(written), photo_count


def _photo(spec: DemoPhoto, *, seed: int) -> ImageUpload:
    """A simple drawn picture: a warm background and a dish, with some texture."""
    width, height = 1200, 900
    background, food = spec.colors
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    for _ in range(160):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(4, 18)
        shade = rng.randrange(-18, 18)
        base = Image.new("RGB", (1, 1), background).getpixel((0, 0))
        color = tuple(max(0, min(255, channel + shade)) for channel in base)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=color)
    if spec.shape == "loaf":
        draw.ellipse((280, 220, 920, 700), fill=food)
        draw.arc((420, 300, 820, 560), 200, 340, fill="#f6e7c8", width=18)
    elif spec.shape == "flame":
        draw.rectangle((450, 560, 750, 760), fill="#6c757d")
        draw.polygon([(600, 260), (520, 560), (680, 560)], fill="#4895ef")
        draw.polygon([(600, 360), (560, 560), (640, 560)], fill="#bde0fe")
    else:
        draw.ellipse((250, 150, 950, 850), fill="#222222")
        draw.ellipse((300, 200, 900, 800), fill=food)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    upload = SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")
    return ImageUpload(upload, spec.alt)
