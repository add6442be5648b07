"""Builds the demo site from the files in demo/data/, for `manage.py seed_demo`.

One JSON file per subject (members, catalogue, questions, knowledge base, search, forum,
reviews, moderation, suggested edit, notifications, translations) holds what the demo says;
this module is the one loader that turns them into content. Wherever real use writes through
a service, so does the demo: counters, revisions, rendered markup, reputation, badges, the
audit trail and the notifications are what real use would leave behind. Afterwards the
timestamps are moved back over the past weeks, so that lists and "asked 3 weeks ago" look
like a living community.

Seeding again changes nothing: every step creates only what is missing. No e-mail goes out.
"""

from __future__ import annotations

import datetime
import io
import random
import textwrap
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.rich_text import RichText

from cms import knowledge_base as kb
from cms.enums import Layer
from cms.models import (
    ProductCategory,
    ProductIndexPage,
    ProductManual,
    ProductPage,
    ProductSpecification,
)
from cms.services import default_home_page, knowledge_base_workflow_assign
from community.accounts.models import User
from community.accounts.permissions import is_community_staff
from community.common.models import TagName
from community.common.uploads import ImageUpload
from community.moderation import services as moderation_services
from community.moderation.enums import ContentStatus
from community.moderation.models import AuditLogEntry, Flag, MemberWarning
from community.moderation.trust import trust_rules
from community.notifications import services as notification_services
from community.notifications.models import Notification
from community.reputation.enums import Privilege
from community.reputation.models import ReputationEvent
from community.reputation.privileges import has_privilege, threshold_for
from community.reputation.services import reputation_recompute
from community.revisions.models import Revision
from community.search.models import SearchSynonym, synonym_phrases
from forum import services as forum_services
from forum.models import Board, Post, Topic
from forum.selectors import quote_markdown
from qa import permissions as qa_permissions
from qa import services as qa_services
from qa.models import (
    Answer,
    AnswerVote,
    Comment,
    Question,
    QuestionVote,
    Review,
    ReviewHelpfulVote,
    ReviewReply,
    SuggestedEdit,
)
from qa.promotion import answer_to_promote, article_promote_from_answer
from qa.reputation import QaEventKind
from shop.enums import FeedSubject, MissingProducts
from shop.feeds import FeedRow, feed_rows_from_file
from shop.services import product_import_rows, purchase_import_rows

from .data_files import demo_data

# The shop's example feeds: the same files `import_products` and `import_orders` read.
EXAMPLES_DIR = settings.BASE_DIR / "examples"


def demo_seed(stdout) -> None:
    """Put the whole demo in place; what exists already is left as it is."""
    # The demo's history predates the trust rules (first-post hold, rate limits); the
    # moderation step switches them on again for its new members. It is not news either:
    # the notifications it causes are kept, but no e-mail goes out for them.
    quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with trust_rules(enabled=False), quiet_mail:
        # In the order they depend on each other.
        members_seed(stdout)
        catalogue_seed(stdout)
        questions_seed(stdout)
        knowledge_base_seed(stdout)
        search_seed(stdout)
        forum_seed(stdout)
        # Once the pages, boards and tags it translates are there.
        translations_seed(stdout)
        reviews_seed(stdout)
        reputation_seed(stdout)
        moderation_seed(stdout)
        # After the steps that earn reputation: the suggester needs the points for it.
        suggested_edit_seed(stdout)
        # Last: it dates and settles the notifications every step above caused.
        notifications_seed(stdout)


# SECTION members


def member_ensure(member: dict) -> bool:
    """Make sure the demo member exists with a verified address; True when it was created."""
    user, created = User.objects.get_or_create(
        username=member["username"],
        defaults={
            "email": member["email"],
            "display_name": member["display_name"],
            "bio": member["bio"],
            "is_staff": member.get("is_staff", False),
        },
    )
    if created:
        user.set_password(demo_data("members")["password"])
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=member.get("groups", ())))
    EmailAddress.objects.get_or_create(
        user=user, email=member["email"], defaults={"verified": True, "primary": True}
    )
    return created


@transaction.atomic
def members_seed(stdout) -> None:
    members = demo_data("members")["members"]
    created = sum(member_ensure(member) for member in members)
    stdout.write(f"Demo members: {created} created, {len(members) - created} already there.")


# SECTION catalogue: the example feeds, and pictures, manuals and support content


@transaction.atomic
def catalogue_seed(stdout) -> None:
    """The example catalogue and orders, through the shop's own import (keyed, so seeding
    again changes nothing); they make several demo customers verified buyers."""
    products = product_import_rows(
        rows=feed_rows_from_file(EXAMPLES_DIR / "products.csv", subject=FeedSubject.PRODUCTS),
        missing=MissingProducts.IGNORE,
    )
    stdout.write(f"Demo catalogue: {products.summary_lines()[0]}")
    product_support_seed(stdout)
    orders = purchase_import_rows(
        rows=feed_rows_from_file(EXAMPLES_DIR / "orders.csv", subject=FeedSubject.ORDERS)
    )
    stdout.write(f"Demo orders: {orders.summary_lines()[0]}")


def product_support_seed(stdout) -> None:
    """Give every product of a demo category a picture, a manual and support content, each
    only when missing, so that nothing an editor wrote is overwritten."""
    catalogue = demo_data("catalogue")
    images = _collection(catalogue["images_collection"])
    manuals = _collection(catalogue["manuals_collection"])
    categories = catalogue["categories"]
    changed = 0
    products = ProductPage.objects.filter(category__slug__in=categories).select_related(
        "category", "image"
    )
    for product in products.prefetch_related("manuals"):
        page = product.get_latest_revision_as_object()
        touched = False
        if page.image is None:
            page.image = _product_image(product, images)
            touched = True
        if not page.manuals.all():
            page.manuals = [ProductManual(document=_manual(product, manuals), sort_order=0)]
            touched = True
        for section, blocks in categories[product.category.slug]["support"].items():
            if not getattr(page, section):
                setattr(page, section, [_block(block) for block in blocks])
                touched = True
        if touched:
            page.save_revision().publish()
            changed += 1
    stdout.write(f"Demo product support content: {changed} products filled in.")


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _block(block: dict):
    """A StreamField block (product support content or an article body) from its data."""
    kind = block["type"]
    if kind in ("heading", "subheading"):
        return (kind, block["text"])
    if kind == "paragraph":
        return (kind, RichText(block["html"]))
    if kind == "step":
        return (kind, {"title": block["title"], "text": RichText(block["html"]), "image": None})
    if kind == "tip":
        return (kind, {"title": block["title"], "text": RichText(block["html"])})
    if kind == "code":
        return (kind, {"caption": block["caption"], "code": block["code"]})
    if kind == "table":
        rows = [{"label": label, "value": value} for label, value in block["rows"]]
        return (kind, {"caption": block["caption"], "rows": rows})
    if kind == "question_answer":
        return (kind, {"question": block["question"], "answer": RichText(block["html"])})
    raise ValueError(f"Unknown demo block type {kind!r}.")


def _product_image(product: ProductPage, collection: Collection):
    image_model = get_image_model()
    existing = image_model.objects.filter(collection=collection, title=product.title).first()
    if existing:
        return existing
    content = ContentFile(_picture_png(product), name=f"{product.sku.lower()}.png")
    image = image_model(title=product.title, description=product.title, collection=collection)
    image.file = content
    image._set_image_file_metadata()
    image.save()
    return image


def _manual(product: ProductPage, collection: Collection):
    document_model = get_document_model()
    title = f"{product.title}: quick-start manual"
    existing = document_model.objects.filter(collection=collection, title=title).first()
    if existing:
        return existing
    pdf = _manual_pdf(product)
    document = document_model(title=title, collection=collection, file_size=len(pdf))
    document.file.save(f"{product.sku.lower()}-manual.pdf", ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _picture_png(product: ProductPage) -> bytes:
    """A simple, recognisable picture: the category's icon and the product's name."""
    category = demo_data("catalogue")["categories"].get(product.category.slug)
    look = category["picture"] if category else {"background": "#e8edf3", "ink": "#1d2330"}
    ink, icon = look["ink"], look.get("icon", "")
    width, height = 960, 720
    picture = Image.new("RGB", (width, height), look["background"])
    draw = ImageDraw.Draw(picture)
    if icon == "pan":
        draw.ellipse((300, 120, 600, 420), outline=ink, width=26)
        draw.rounded_rectangle((590, 255, 800, 285), radius=14, fill=ink)
    elif icon == "cup":
        draw.rounded_rectangle((330, 150, 570, 400), radius=36, outline=ink, width=26)
        draw.arc((530, 200, 650, 340), start=-90, end=90, fill=ink, width=24)
        draw.line((300, 440, 600, 440), fill=ink, width=20)
    elif icon == "flame":
        draw.polygon(
            [(480, 110), (600, 330), (540, 420), (420, 420), (360, 330)], outline=ink, width=24
        )
        draw.line((330, 440, 630, 440), fill=ink, width=20)
    small = ImageFont.load_default(size=34)
    large = ImageFont.load_default(size=52)
    draw.text((60, 500), product.brand.upper(), font=small, fill=ink)
    for number, line in enumerate(textwrap.wrap(product.title, width=30)[:2]):
        draw.text((60, 550 + number * 64), line, font=large, fill=ink)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _manual_pdf(product: ProductPage) -> bytes:
    """A valid one-page PDF with the product's quick-start steps (written by hand: no library)."""
    lines = [
        f"{product.title} - quick-start manual",
        f"Article number {product.sku}",
        "",
        "1. Unpack everything and keep the packaging until you are sure you keep it.",
        "2. Read the safety notes on the product page before the first use.",
        "3. Clean all parts that touch food before you use them.",
        "4. Questions? Ask them on the product page; the shop and other owners answer.",
    ]
    text_ops = ["BT", "/F1 13 Tf", "16 TL", "56 780 Td"]
    for line in lines:
        ascii_line = line.encode("ascii", "replace").decode("ascii")
        escaped = ascii_line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text_ops.append(f"({escaped}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n"
    out.write(trailer.encode() + b"%%EOF\n")
    return out.getvalue()


# SECTION questions, answers, comments and votes


@transaction.atomic
def questions_seed(stdout) -> None:
    """The Q&A part, made only when none of the demo questions exists yet (its tags are
    made whenever missing)."""
    data = demo_data("questions")
    created_tags = _tags_seed(data["tags"])
    specs = data["questions"]
    if Question.objects.filter(title__in=[spec["title"] for spec in specs]).exists():
        stdout.write(f"Demo questions: already there ({created_tags} tags created).")
        return
    members = {user.username: user for user in User.objects.filter(username__in=data["voters"])}
    tag_names = {
        tag["name"]: Tag.objects.filter(Q(name=tag["name"]) | Q(slug=tag["slug"])).values_list(
            "name", flat=True
        )[0]
        for tag in data["tags"]
    }
    skus = {spec["sku"] for spec in specs if spec.get("sku")}
    products = {page.sku: page for page in ProductPage.objects.filter(sku__in=skus)}
    asking = _Asking(
        members=members,
        voters=data["voters"],
        staff=members[data["staff"]],
        products=products,
        tag_names=tag_names,
        now=timezone.now(),
    )
    for number, spec in enumerate(specs):
        # Written in the member's language, as a member's post is.
        with translation.override(spec.get("language", settings.LANGUAGE_CODE)):
            asking.question_seed(spec, number=number)
    asking.downvotes_cast()
    stdout.write(
        f"Demo questions: {len(specs)} created, with {asking.answers} answers, "
        f"{asking.comments} comments and {asking.votes} votes ({created_tags} tags created)."
    )


def _tags_seed(tags: list[dict]) -> int:
    """Made by staff: members choose from these when they ask."""
    created = 0
    for tag in tags:
        # Staff may have made one of these already, under this name or this slug.
        if not Tag.objects.filter(Q(name=tag["name"]) | Q(slug=tag["slug"])).exists():
            Tag.objects.create(name=tag["name"], slug=tag["slug"])
            created += 1
    return created


class _Asking:
    """Writes the demo questions one by one, counting what it made; downvotes wait till the
    end (voting down is a privilege the voters earn from the whole demo's upvotes)."""

    def __init__(self, *, members, voters, staff, products, tag_names, now):
        self.members = members
        self.voters = voters  # in the order votes are handed out
        self.staff = staff
        self.products = products
        self.tag_names = tag_names
        self.now = now
        self.answers = self.comments = self.votes = 0
        self.downvotes: list[tuple[Answer, str]] = []

    def question_seed(self, spec: dict, *, number: int) -> None:
        asker = self.members[spec["author"]]
        sku = spec.get("sku")
        question = qa_services.question_create(
            author=asker,
            title=spec["title"],
            body=spec["body"],
            phase=spec["phase"],
            product=self.products.get(sku) if sku else None,
            tags=[self.tag_names[label] for label in spec.get("tags", ())],
        )
        asked_at = self.now - timedelta(days=spec["days_ago"])
        moments = [asked_at]

        for comment_spec in spec.get("comments", ()):
            comment = qa_services.comment_create(
                question=question,
                author=self.members[comment_spec["author"]],
                body=comment_spec["body"],
            )
            moments.append(self._comment_backdate(comment, asked_at, comment_spec))
        self._votes_cast(question, spec.get("up", 0), 0, offset=number)

        for position, answer_spec in enumerate(spec.get("answers", ())):
            moments.extend(
                self._answer_seed(
                    question, answer_spec, asker=asker, asked_at=asked_at, offset=number + position
                )
            )

        QuestionVote.objects.filter(question=question).update(
            created_at=self._at(asked_at + timedelta(hours=6))
        )
        Question.objects.filter(pk=question.pk).update(
            created_at=asked_at, last_activity_at=max(moments)
        )
        _revisions_backdate(question, asked_at)

    def _answer_seed(self, question, spec: dict, *, asker, asked_at, offset: int) -> list:
        """Write one answer with its comments and votes; the moments they happened."""
        answer = qa_services.answer_create(
            question=question, author=self.members[spec["author"]], body=spec["body"]
        )
        answered_at = self._at(asked_at + timedelta(hours=spec["after_hours"]))
        Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
        _revisions_backdate(answer, answered_at)
        moments = [answered_at]
        self.answers += 1
        for comment_spec in spec.get("comments", ()):
            comment = qa_services.comment_create(
                question=question,
                answer=answer,
                author=self.members[comment_spec["author"]],
                body=comment_spec["body"],
            )
            moments.append(self._comment_backdate(comment, answered_at, comment_spec))
        self._votes_cast(answer, spec.get("up", 0), spec.get("down", 0), offset=offset)
        AnswerVote.objects.filter(answer=answer).update(
            created_at=self._at(answered_at + timedelta(hours=6))
        )
        if spec.get("accepted"):
            qa_services.answer_accept(answer=answer, user=asker)
        if spec.get("official"):
            qa_services.answer_mark_official(answer=answer, staff=self.staff)
            AuditLogEntry.objects.filter(
                target_type=ContentType.objects.get_for_model(Answer), target_id=answer.pk
            ).update(created_at=self._at(answered_at + timedelta(hours=1)))
        return moments

    def _votes_cast(self, item, up: int, down: int, *, offset: int) -> None:
        """Cast ``up`` upvotes and queue ``down`` downvotes from different members, never
        the author."""
        pool = [name for name in self.voters if self.members[name].pk != item.author_id]
        start = offset % len(pool)
        voters = pool[start:] + pool[:start]
        if up + down > len(voters):
            raise ValueError(f"Not enough demo members to cast {up + down} votes on {item}.")
        for name in voters[:up]:
            qa_services.vote_cast(voter=self.members[name], item=item, value=1)
        self.downvotes.extend((item, name) for name in voters[up : up + down])
        self.votes += up + down

    def downvotes_cast(self) -> None:
        for answer, name in self.downvotes:
            voter = self.members[name]
            voter.refresh_from_db(fields=["reputation"])
            qa_services.vote_cast(voter=voter, item=answer, value=-1)
            upvoted_at = AnswerVote.objects.filter(answer=answer).order_by("created_at").first()
            AnswerVote.objects.filter(answer=answer, voter=voter).update(
                created_at=upvoted_at.created_at if upvoted_at else answer.created_at
            )

    def _comment_backdate(self, comment: Comment, parent_at, spec: dict):
        written_at = self._at(parent_at + timedelta(hours=spec.get("after_hours", 2)))
        Comment.objects.filter(pk=comment.pk).update(created_at=written_at)
        self.comments += 1
        return written_at

    def _at(self, moment):
        """Never in the future: recent questions get their answers "just now" at the latest."""
        return min(moment, self.now - timedelta(minutes=5))


def _revisions_backdate(item, when) -> None:
    Revision.objects.filter(
        target_type=ContentType.objects.get_for_model(item), target_id=item.pk
    ).update(created_at=when)


@dataclass(frozen=True)
class _Cast:
    """Who writes the demo's forum topics and reviews and what they write about, looked up
    once for each part: members by username, products by SKU, the staff member who answers
    for the shop, and the moment the demo's dates count back from."""

    members: dict[str, User]
    products: dict[str, ProductPage]
    staff: User
    now: datetime.datetime


def _cast(staff_name: str) -> _Cast:
    members = {user.username: user for user in User.objects.all()}
    products = {page.sku: page for page in ProductPage.objects.exclude(sku="")}
    return _Cast(members, products, staff=members[staff_name], now=timezone.now())


# SECTION knowledge base


def knowledge_base_seed(stdout) -> None:
    """Sections, categories, articles, the FAQ page, and one article promoted from a demo
    question (through the real service) and published; each piece only when missing."""
    data = demo_data("knowledge_base")
    index = _knowledge_base_index(data["index"])
    if index is None:
        stdout.write("Demo knowledge base: no home page, skipped.")
        return
    knowledge_base_workflow_assign(index=index)
    sections = {section["layer"]: _section(index, section) for section in data["sections"]}
    categories = _categories(data["sections"])
    created = _articles(data["articles"], sections, categories)
    _faq(index, data["faq"])
    promoted = _promoted_article(data["promoted"])
    stdout.write(
        f"Demo knowledge base: {created} articles created"
        + ("; one article promoted from a question." if promoted else ".")
    )


@transaction.atomic
def _knowledge_base_index(spec: dict) -> kb.KnowledgeBaseIndexPage | None:
    existing = kb.KnowledgeBaseIndexPage.objects.order_by("path").first()
    if existing is not None:
        return existing
    home = default_home_page()
    if home is None:
        return None
    index = kb.KnowledgeBaseIndexPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _section(index, spec: dict) -> kb.KnowledgeBaseSectionPage:
    existing = (
        kb.KnowledgeBaseSectionPage.objects.child_of(index).filter(layer=spec["layer"]).first()
    )
    if existing is not None:
        return existing
    section = kb.KnowledgeBaseSectionPage(
        title=spec["title"], slug=spec["slug"], layer=spec["layer"], intro=spec["intro"]
    )
    index.add_child(instance=section)
    section.save_revision().publish()
    return section


def _categories(sections: list[dict]) -> dict:
    found = {}
    for section in sections:
        for order, name in enumerate(section["categories"]):
            category, _created = kb.KnowledgeBaseCategory.objects.get_or_create(
                layer=section["layer"],
                slug=slugify(name),
                defaults={"name": name, "sort_order": order * 10},
            )
            found[(section["layer"], name)] = category
    return found


@transaction.atomic
def _articles(specs: list[dict], sections, categories) -> int:
    products = {p.sku: p for p in ProductPage.objects.all()}
    manuals = {m.page_id: m.document for m in ProductManual.objects.select_related("document")}
    today = datetime.date.today()
    # An article links only to others in its own language (Dutch ones are marked "nl").
    language_of = {slugify(spec["title"]): spec.get("language", "en") for spec in specs}
    created = []
    for spec in specs:
        layer = spec["layer"]
        section = sections[layer]
        slug = slugify(spec["title"])
        if kb.ArticlePage.objects.child_of(section).filter(slug=slug).exists():
            continue
        related = [products[sku] for sku in spec["products"] if sku in products]
        article = kb.ArticlePage(
            title=spec["title"],
            slug=slug,
            summary=spec["summary"],
            body=[_block(block) for block in spec["body"]],
            category=categories[(layer, spec["category"])],
            last_reviewed=today - datetime.timedelta(days=spec["reviewed_days_ago"]),
        )
        article.products = related
        if layer == Layer.AFTER_BUYING:
            article.manuals = [
                kb.ArticleManual(document=manuals[p.pk], sort_order=i)
                for i, p in enumerate(related)
                if p.pk in manuals
            ]
        section.add_child(instance=article)
        if spec["tags"]:
            article.tags.set(spec["tags"])
        created.append((article, related))
    # Related articles: others about the same product in the same language, once every
    # article exists.
    for article, related in created:
        other_language = [
            slug for slug, language in language_of.items() if language != language_of[article.slug]
        ]
        others = (
            kb.ArticlePage.objects.filter(products__in=related)
            .exclude(pk=article.pk)
            .exclude(slug__in=other_language)
            .distinct()
            .order_by("title")[:3]
        )
        article.related_links = [
            kb.ArticleRelatedLink(article=other, sort_order=i) for i, other in enumerate(others)
        ]
        article.save_revision().publish()
    return len(created)


def _faq(index, spec: dict) -> None:
    if kb.FAQPage.objects.child_of(index).exists():
        return
    faq = kb.FAQPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        questions=[
            _block({"type": "question_answer", **question}) for question in spec["questions"]
        ],
    )
    index.add_child(instance=faq)
    faq.save_revision().publish()


def _promoted_article(spec: dict) -> bool:
    """Promote the demo question's best answer through the service, then publish it."""
    question = Question.objects.filter(title=spec["question"]).first()
    staff = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    if question is None or staff is None:
        return False
    if kb.ArticleProvenance.objects.filter(question=question).exists():
        return False
    answer = answer_to_promote(question)
    if answer is None:
        return False
    article = article_promote_from_answer(answer=answer, staff=staff)
    article = article.get_latest_revision_as_object()
    article.summary = spec["summary"]
    article.last_reviewed = datetime.date.today()
    article.category = kb.KnowledgeBaseCategory.objects.filter(
        layer=Layer.AFTER_BUYING, slug=spec["category"]
    ).first()
    article.save_revision(user=staff).publish()
    return True


# SECTION translations: the demo's pages, categories, boards and tags in Dutch


@transaction.atomic
def translations_seed(stdout) -> None:
    """The pages in Dutch as an editor's "Translate" makes them (a copy in the Dutch tree,
    same slug), with the Dutch text put in and published; Dutch names for the categories,
    boards and tags. Only what has no translation yet: an editor's work is kept."""
    data = demo_data("translations")
    locale, _created = Locale.objects.get_or_create(language_code=data["language"])
    home = default_home_page()
    if home is None:
        stdout.write("Demo translations: no home page, skipped.")
        return
    made = _translate(home, locale, data["home"])
    product_index = ProductIndexPage.objects.child_of(home).first()
    if product_index is not None:
        made += _translate(product_index, locale, data["product_index"])
        made += _products_translate(product_index, locale, data)
    made += _knowledge_base_translate(home, locale, data["knowledge_base"])
    named = _names_translate(data)
    stdout.write(f"Demo translations: {made} pages translated, {named} names in Dutch.")


def _translate(page: Page, locale: Locale, fields: dict, fill=None) -> int:
    """Translate ``page`` into ``locale`` when it has no translation there yet: 1 if made."""
    if page.has_translation(locale):
        return 0
    copy = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    if fill is not None:
        fill(copy)
    copy.save_revision().publish()
    return 1


def _products_translate(product_index, locale: Locale, data: dict) -> int:
    names, values = data["specifications"]["names"], data["specifications"]["values"]
    support = data["support"]
    made = 0
    products = ProductPage.objects.child_of(product_index).filter(sku__in=data["products"])
    for product in products.select_related("category").prefetch_related("specifications"):
        spec = data["products"][product.sku]
        blocks = support.get(product.category.slug, {}) if product.category else {}

        def fill(copy, product=product, blocks=blocks):
            copy.specifications = [
                ProductSpecification(
                    name=names.get(row.name, row.name),
                    value=values.get(row.value, row.value),
                    sort_order=row.sort_order,
                )
                for row in product.specifications.all()
            ]
            for section, section_blocks in blocks.items():
                if getattr(product, section):
                    setattr(copy, section, [_block(block) for block in section_blocks])

        made += _translate(product, locale, spec, fill)
    return made


def _knowledge_base_translate(home, locale: Locale, data: dict) -> int:
    index = kb.KnowledgeBaseIndexPage.objects.child_of(home).first()
    if index is None:
        return 0
    made = _translate(index, locale, data["index"])
    for section in kb.KnowledgeBaseSectionPage.objects.child_of(index):
        if section.layer in data["sections"]:
            made += _translate(section, locale, data["sections"][section.layer])
    faq = kb.FAQPage.objects.child_of(index).first()
    if faq is not None:
        questions = [
            _block({"type": "question_answer", **question}) for question in data["faq"]["questions"]
        ]
        fields = {"title": data["faq"]["title"], "intro": data["faq"]["intro"]}
        made += _translate(faq, locale, {**fields, "questions": questions})
    articles = kb.ArticlePage.objects.descendant_of(index).filter(title__in=data["articles"])
    for article in articles:
        spec = data["articles"][article.title]
        body = [_block(block) for block in spec["body"]]
        made += _translate(article, locale, {**spec, "body": body})
    return made


def _names_translate(data: dict) -> int:
    """Dutch names where none was given yet."""
    named = 0
    for slug, spec in data["product_categories"].items():
        named += ProductCategory.objects.filter(slug=slug, name_nl="").update(
            name_nl=spec["name"], description_nl=spec["description"]
        )
    for name, dutch in data["knowledge_base"]["categories"].items():
        named += kb.KnowledgeBaseCategory.objects.filter(name=name, name_nl="").update(
            name_nl=dutch
        )
    for slug, spec in data["boards"].items():
        named += Board.objects.filter(slug=slug, name_nl="").update(
            name_nl=spec["name"], description_nl=spec["description"]
        )
    language = data["language"]
    for tag in Tag.objects.filter(slug__in=data["tags"]):
        _name, created = TagName.objects.get_or_create(
            tag=tag, language=language, defaults={"name": data["tags"][tag.slug]}
        )
        named += created
    return named


# SECTION search: synonyms and a promoted result


@transaction.atomic
def search_seed(stdout) -> None:
    """Synonym groups in English and Dutch, and an editor's promoted result for a query."""
    data = demo_data("search")
    existing = {tuple(group.phrase_list()) for group in SearchSynonym.objects.all()}
    synonyms = 0
    for phrases in data["synonyms"]:
        if tuple(synonym_phrases(phrases)) not in existing:
            group = SearchSynonym(phrases=phrases)
            group.full_clean()
            group.save()
            synonyms += 1
    promotions = 0
    for spec in data["promotions"]:
        article = kb.ArticlePage.objects.filter(slug=spec["article"]).first()
        query = Query.get(spec["query"])
        if article is None or query.editors_picks.filter(page=article).exists():
            continue
        SearchPromotion.objects.create(
            query=query, page=article, description=spec["description"], sort_order=0
        )
        promotions += 1
    stdout.write(f"Demo search: {synonyms} synonym groups, {promotions} promoted results created.")


# SECTION forum


@transaction.atomic
def forum_seed(stdout) -> None:
    """Boards (when missing), then topics with replies, quotes and drawn photos, only when
    none of the demo topics exists yet."""
    data = demo_data("forum")
    boards = _boards_seed(data["boards"])
    specs = data["topics"]
    if Topic.objects.filter(title__in=[spec["title"] for spec in specs]).exists():
        stdout.write("Demo forum: already there.")
        return
    cast = _cast(data["staff"])
    posts = photos = 0
    for number, spec in enumerate(specs):
        with translation.override(spec.get("language", settings.LANGUAGE_CODE)):
            made_posts, made_photos = _topic_seed(spec, number=number, boards=boards, cast=cast)
        posts += made_posts
        photos += made_photos
    for board in boards.values():
        forum_services._board_recount(board.pk)
    stdout.write(f"Demo forum: {len(specs)} topics, {posts} posts, {photos} photos.")


def _boards_seed(specs: list[dict]) -> dict[str, Board]:
    boards = {}
    for order, spec in enumerate(specs):
        board = Board.objects.filter(slug=spec["slug"]).first() or Board.objects.create(
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            is_showcase=spec.get("is_showcase", False),
            sort_order=order * 10,
        )
        boards[spec["slug"]] = board
    return boards


def _topic_seed(spec: dict, *, number: int, boards, cast: _Cast) -> tuple[int, int]:
    sku = spec.get("sku")
    members, now = cast.members, cast.now
    topic = forum_services.topic_create(
        board=boards[spec["board"]],
        author=members[spec["author"]],
        title=spec["title"],
        body=spec["body"],
        product=cast.products.get(sku) if sku else None,
        photos=[_forum_photo(photo, seed=number) for photo in spec.get("photos", ())],
    )
    started = now - timedelta(days=spec["days_ago"])
    written = [(topic.first_post, started)]
    photo_count = len(spec.get("photos", ()))
    for position, reply in enumerate(spec.get("replies", ()), start=1):
        quote = reply.get("quote")  # index of an earlier post in this topic (0 = the first)
        quoted = written[quote][0] if quote is not None else None
        body = quote_markdown(quoted) + reply["body"] if quoted is not None else reply["body"]
        reply_photos = reply.get("photos", ())
        post = forum_services.reply_create(
            topic=topic,
            author=members[reply["author"]],
            body=body,
            quoted=quoted,
            photos=[_forum_photo(photo, seed=number * 10 + position) for photo in reply_photos],
        )
        photo_count += len(reply_photos)
        written.append((post, min(started + timedelta(hours=reply["after_hours"]), now)))
    post_type = ContentType.objects.get_for_model(Post)
    for post, when in written:
        Post.objects.filter(pk=post.pk).update(created_at=when)
        Revision.objects.filter(target_type=post_type, target_id=post.pk).update(created_at=when)
    Topic.objects.filter(pk=topic.pk).update(created_at=started)
    forum_services._topic_recount(topic)
    topic.refresh_from_db()
    if spec.get("pinned"):
        forum_services.topic_set_pinned(topic=topic, staff=cast.staff, pinned=True)
    if spec.get("featured"):
        forum_services.topic_set_featured(topic=topic, staff=cast.staff, featured=True)
    return len(written), photo_count


def _forum_photo(spec: dict, *, seed: int) -> ImageUpload:
    """A simple drawn picture: a warm background and a dish (round, loaf or flame)."""
    width, height = 1200, 900
    background, food = spec["colors"]
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    for _dot in range(160):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(4, 18)
        shade = rng.randrange(-18, 18)
        base = Image.new("RGB", (1, 1), background).getpixel((0, 0))
        color = tuple(max(0, min(255, channel + shade)) for channel in base)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=color)
    shape = spec.get("shape", "round")
    if shape == "loaf":
        draw.ellipse((280, 220, 920, 700), fill=food)
        draw.arc((420, 300, 820, 560), 200, 340, fill="#f6e7c8", width=18)
    elif shape == "flame":
        draw.rectangle((450, 560, 750, 760), fill="#6c757d")
        draw.polygon([(600, 260), (520, 560), (680, 560)], fill="#4895ef")
        draw.polygon([(600, 360), (560, 560), (640, 560)], fill="#bde0fe")
    else:
        draw.ellipse((250, 150, 950, 850), fill="#222222")
        draw.ellipse((300, 200, 900, 800), fill=food)
    return ImageUpload(_jpeg_upload(image, quality=88), spec["alt"])


def _jpeg_upload(image, *, quality: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


# SECTION reviews


def reviews_seed(stdout) -> None:
    """A few extra delivered orders (through the shop's import, so the reviewers are verified
    buyers by the one rule), then reviews of every star level with photos, helpful votes and
    the shop's replies, only when none of the demo reviews exists yet."""
    data = demo_data("reviews")
    _review_orders_seed(data["orders"], stdout)
    specs = data["reviews"]
    if Review.objects.filter(title__in=[spec["title"] for spec in specs]).exists():
        stdout.write("Demo reviews: already there.")
        return
    made = _reviews_seed(specs, staff_name=data["staff"])
    stdout.write(f"Demo reviews: {made} reviews with photos, helpful votes and replies.")


def _review_orders_seed(orders: list[dict], stdout) -> None:
    rows = [
        FeedRow(
            number,
            {
                "order_id": order["order_id"],
                "email": order["email"],
                "sku": order["sku"],
                "quantity": "1",
                "ordered_at": f"{order['delivered_on']}T09:00:00+02:00",
                "delivered_at": f"{order['delivered_on']}T17:00:00+02:00",
            },
        )
        for number, order in enumerate(orders, start=1)
    ]
    report = purchase_import_rows(rows=rows)
    stdout.write(f"Demo review orders: {report.summary_lines()[0]}")


@transaction.atomic
def _reviews_seed(specs: list[dict], *, staff_name: str) -> int:
    cast = _cast(staff_name)
    members, products, staff, now = cast.members, cast.products, cast.staff, cast.now
    made = 0
    for number, spec in enumerate(specs):
        product = products.get(spec["sku"])
        author = members.get(spec["author"])
        if product is None or author is None:
            continue
        pros, cons, reply = spec.get("pros", ""), spec.get("cons", ""), spec.get("reply", "")
        photo = spec.get("photo", "")  # the photo's description, when the review has one
        review = qa_services.review_create(
            author=author,
            product=product,
            rating=spec["rating"],
            title=spec["title"],
            body=spec["body"],
            pros=pros,
            cons=cons,
            photos=[_review_photo(photo, seed=number)] if photo else [],
        )
        made += 1
        # Helpful votes from other members; the more detailed reviews get more.
        voters = [
            user
            for name, user in sorted(members.items())
            if name not in (spec["author"], staff_name) and not user.is_staff
        ]
        votes = (len(spec["body"]) + len(pros) * 2) // 60
        for voter in voters[: min(votes, len(voters))]:
            qa_services.review_helpful_toggle(review=review, voter=voter)
        if reply:
            qa_services.review_reply_save(review=review, staff=staff, body=reply)
        written = now - timedelta(days=spec.get("days_ago", 10), hours=number)
        Review.objects.filter(pk=review.pk).update(created_at=written)
        if reply:
            ReviewReply.objects.filter(review=review).update(
                created_at=written + timedelta(hours=5)
            )
    return made


def _review_photo(alt: str, *, seed: int) -> ImageUpload:
    """A simple drawn picture: a pan-like shape on a coloured background."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = 1200, 900
    background = rng.choice(["#e9d8a6", "#94d2bd", "#ee9b00", "#ade8f4"])
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    for _dot in range(120):
        x, y, radius = rng.randrange(width), rng.randrange(height), rng.randrange(4, 16)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="#ffffff")
    draw.ellipse((250, 150, 950, 850), fill="#222222")
    draw.rectangle((900, 440, 1180, 520), fill="#222222")
    draw.ellipse((330, 230, 870, 770), fill=rng.choice(["#9c6644", "#bb3e03", "#ca6702"]))
    return ImageUpload(_jpeg_upload(image, quality=85), alt)


# SECTION reputation

# Dated like the answer they reward (the demo does not keep when those happened); anything
# else, such as a spam penalty from the moderation step, keeps the moment it was recorded.
ANSWER_MILESTONES = (
    QaEventKind.ANSWER_ACCEPTED,
    QaEventKind.ANSWER_OFFICIAL,
    QaEventKind.ANSWER_PROMOTED,
)


@transaction.atomic
def reputation_seed(stdout) -> None:
    """Date each reputation event at the moment of what earned it, and check every total.

    Nothing is typed in: the points and badges were recorded by the services the steps
    above called; they then moved their votes and answers into the past. Dating the events
    the same way makes "this month" on the leaderboard differ from "all time". Running it
    again sets the same dates.
    """
    voted_at = {
        (Question, QaEventKind.QUESTION_UPVOTED): _vote_times(QuestionVote, "question_id"),
        (Answer, QaEventKind.ANSWER_UPVOTED): _vote_times(AnswerVote, "answer_id"),
        (Answer, QaEventKind.ANSWER_DOWNVOTED): _vote_times(AnswerVote, "answer_id"),
        (Review, QaEventKind.REVIEW_HELPFUL): _vote_times(ReviewHelpfulVote, "review_id"),
    }
    answered_at = dict(Answer.objects.values_list("pk", "created_at"))
    models = {
        ContentType.objects.get_for_model(model).pk: model for model in (Question, Answer, Review)
    }
    dated = 0
    for event in ReputationEvent.objects.filter(reversed_at__isnull=True):
        model = models.get(event.source_type_id)
        times = voted_at.get((model, event.kind))
        when = (
            times.get((event.source_id, event.actor_id))
            if times is not None
            else answered_at.get(event.source_id)
            if model is Answer and event.kind in ANSWER_MILESTONES
            else None
        )
        if when is not None and when != event.created_at:
            ReputationEvent.objects.filter(pk=event.pk).update(created_at=when)
            dated += 1
    mismatches = reputation_recompute()
    stdout.write(
        f"Demo reputation: {dated} events dated to what earned them; "
        + (
            "every total matches its events."
            if not mismatches
            else f"{len(mismatches)} totals differ from their events (run reputation_recompute)."
        )
    )


def _vote_times(vote_model, target_field: str) -> dict:
    return {
        (target_id, voter_id): created_at
        for target_id, voter_id, created_at in vote_model.objects.values_list(
            target_field, "voter_id", "created_at"
        )
    }


# SECTION moderation


@transaction.atomic
def moderation_seed(stdout) -> None:
    """Reports waiting in the queue, a new member's held first post, a spam answer hidden and
    its author suspended, and a warning, all through the moderation services (so the audit
    trail and the reputation that follow are computed, not typed in)."""
    data = demo_data("moderation")
    staff = User.objects.get(username=data["staff"])
    member_ensure(data["newcomer"])
    member_ensure(data["spammer"])
    newcomer = User.objects.get(username=data["newcomer"]["username"])
    spammer = User.objects.get(username=data["spammer"]["username"])
    public_questions = Question.objects.filter(status=ContentStatus.PUBLISHED).order_by("pk")

    # The trust rules are on for these two, as for any new member: both posts are held.
    with trust_rules(enabled=True):
        if not Question.objects.filter(author=newcomer).exists():
            held = data["held_question"]
            qa_services.question_create(
                author=newcomer, title=held["title"], body=held["body"], phase=held["phase"]
            )
        spam_question = public_questions.first()
        if spam_question and not Answer.objects.filter(author=spammer).exists():
            spam_spec = data["spam_answer"]
            spam = qa_services.answer_create(
                question=spam_question, author=spammer, body=spam_spec["body"]
            )
            moderation_services.content_hide(
                item=spam, staff=staff, reason=spam_spec["hidden_because"], as_spam=True
            )
            moderation_services.user_suspend(
                user=spammer,
                staff=staff,
                days=spam_spec["suspended_for_days"],
                reason=spam_spec["suspended_because"],
            )

    # Each report is about the newest public post of its kind that neither the flagger nor
    # staff wrote.
    targets = {"answer": Answer, "forum_post": Post}
    flagged = 0
    for report in data["reports"]:
        flagger = User.objects.filter(username=report["flagger"]).first()
        target = (
            targets[report["target"]]
            .objects.filter(status=ContentStatus.PUBLISHED)
            .exclude(author__username__in=report["not_by"])
            .order_by("-pk")
            .first()
        )
        if flagger is None or target is None or Flag.objects.filter(flagger=flagger).exists():
            continue
        try:
            moderation_services.flag_create(
                flagger=flagger, target=target, reason=report["reason"], note=report["note"]
            )
        except PermissionDenied:
            continue
        flagged += 1

    for warning in data["warnings"]:
        warned = User.objects.filter(username=warning["member"]).first()
        if warned and not MemberWarning.objects.filter(user=warned).exists():
            moderation_services.user_warn(user=warned, staff=staff, reason=warning["reason"])
    stdout.write(f"Moderation: {flagged} new reports, a held first post, a suspended spammer.")


# SECTION suggested edit


@transaction.atomic
def suggested_edit_seed(stdout) -> None:
    """One improvement to a demo answer waiting for a decision, suggested through the service
    (so the answer's author is told) by the highest-reputation demo customer who may suggest
    edits but not edit others' posts directly: points from real (seeded) votes and accepts,
    never typed in. Once that answer has a suggestion (waiting or decided), it is left alone."""
    data = demo_data("suggested_edit")
    answer = (
        Answer.objects.select_related("question", "author")
        .filter(body__startswith=data["answer_starts_with"])
        .order_by("pk")
        .first()
    )
    if answer is None:
        stdout.write("Demo suggested edit: the demo answer to improve is missing; none made.")
        return
    if SuggestedEdit.objects.filter(answer=answer).exists():
        stdout.write("Demo suggested edit: already in place.")
        return
    suggester = _suggester(answer)
    if suggester is None:
        points = threshold_for(Privilege.SUGGEST_EDITS)
        stdout.write(
            f"Demo suggested edit: no demo customer has the {points} reputation points needed "
            "to suggest edits (without editing directly); none made."
        )
        return
    try:
        suggestion = qa_services.suggested_edit_create(
            item=answer, suggester=suggester, body=data["body"], summary=data["summary"]
        )
    except (PermissionDenied, ValidationError) as refusal:
        stdout.write(f"Demo suggested edit: refused ({refusal}); none made.")
        return
    stdout.write(
        f"Demo suggested edit: {suggester.username} ({suggester.reputation} reputation points) "
        f"suggested an edit to {answer.author.username}'s answer; it waits at "
        f"{suggestion.get_absolute_url()}."
    )


def _suggester(answer: Answer) -> User | None:
    """The highest-reputation demo customer the suggested-edit rule lets suggest on ``answer``."""
    candidates = (
        User.objects.filter(is_active=True, reputation__gte=threshold_for(Privilege.SUGGEST_EDITS))
        .exclude(pk=answer.author_id)
        .order_by("-reputation", "pk")
    )
    for candidate in candidates:
        if is_community_staff(candidate) or has_privilege(candidate, Privilege.EDIT_OTHERS):
            continue
        try:
            qa_permissions.check_can_suggest_edit(candidate, answer)
        except (PermissionDenied, Http404):
            continue
        return candidate
    return None


# SECTION notifications


@transaction.atomic
def notifications_seed(stdout) -> None:
    """Date the notifications the steps above caused like the posts they point to, count
    older ones as read and every one as e-mailed (the demo history is not mailed out by
    `send_digests`), and give some members follows and settings to show."""
    data = demo_data("notifications")
    usernames = {entry["member"] for entry in data["settings"] + data["follows"]}
    members = {user.username: user for user in User.objects.filter(username__in=usernames)}
    dated = _notifications_dated()
    for entry in data["settings"]:
        if entry["member"] in members:
            notification_services.notification_settings_save(
                user=members[entry["member"]],
                channels=entry["channels"],
                email_paused=entry["email_paused"],
                help_requests_per_week=entry["help_requests_per_week"],
                mail_kinds=entry["mail"],
            )
    follows = _follows_seed(data["follows"], members)
    now = timezone.now()
    Notification.objects.filter(emailed_at__isnull=True).update(emailed_at=now)
    Notification.objects.filter(
        read_at__isnull=True, created_at__lt=now - timedelta(days=data["unread_for_days"])
    ).update(read_at=now)
    stdout.write(
        f"Demo notifications: {Notification.objects.count()} in all, {dated} dated like their "
        f"posts; {follows} follows."
    )


def _notifications_dated() -> int:
    """Give each notification the time of the post it is about (the demo moved posts back)."""
    changed = 0
    for model in (Question, Answer, Comment, Post):
        content_type = ContentType.objects.get_for_model(model)
        notifications = list(Notification.objects.filter(target_type=content_type))
        times = dict(
            model.objects.filter(
                pk__in={notification.target_id for notification in notifications}
            ).values_list("pk", "created_at")
        )
        for notification in notifications:
            written = times.get(notification.target_id)
            if written and notification.created_at != written:
                notification.created_at = written
                changed += 1
        Notification.objects.bulk_update(notifications, ["created_at"], batch_size=500)
    return changed


def _follows_seed(specs: list[dict], members: dict[str, User]) -> int:
    """Each follow is of the first of its kind: the first live product page, the first tag
    by name."""
    first = {
        "product": ProductPage.objects.live().order_by("path").first(),
        "tag": Tag.objects.order_by("name").first(),
    }
    made = 0
    for spec in specs:
        target = first[spec["target"]]
        if spec["member"] in members and target is not None:
            notification_services.follow_add(user=members[spec["member"]], target=target)
            made += 1
    return made
