"""Demo support content for the example catalogue (examples/products.csv).

For `manage.py seed_demo`: gives each demo product a picture, a short PDF manual and
before-buying, after-buying and around-the-product content, each only once, so seeding
again changes nothing and never overwrites what an editor wrote.
"""

from __future__ import annotations

import io
import textwrap

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from .models import ProductManual, ProductPage

MANUALS_COLLECTION = "Product manuals"
IMAGES_COLLECTION = "Product images"

# Per category: the picture's colours and an icon, and the support content of its products.
CATEGORY_LOOK = {
    "cookware": ("#f3e6d8", "#8a4b1f", "pan"),
    "coffee-tea": ("#ece3da", "#4b2e1f", "cup"),
    "outdoor-cooking": ("#e1ecdf", "#2f5a2c", "flame"),
}

SUPPORT_CONTENT = {
    "cookware": {
        "before_buying": [
            (
                "question_answer",
                "Does it work on my hob?",
                "<p>The specifications list the hobs it suits. A pan that works on induction "
                "also works on gas, electric and ceramic hobs.</p>",
            ),
            (
                "question_answer",
                "Which size do I need?",
                "<p>For one or two people 20–24 cm is enough. For a family, or to sear meat "
                "without crowding the pan, choose 28 cm.</p>",
            ),
        ],
        "after_buying": [
            ("subheading", "First use"),
            (
                "paragraph",
                "<p>Wash it in hot water with a drop of washing-up liquid and dry it well. "
                "Heat it gently the first few times; a moderate heat is enough for almost "
                "everything.</p>",
            ),
            (
                "tip",
                "Let it cool before you rinse it",
                "<p>Cold water on a hot pan can warp the base or crack enamel.</p>",
            ),
            ("subheading", "Returns and warranty"),
            (
                "paragraph",
                "<p>Return it unused within 30 days. The warranty covers manufacturing faults "
                "for two years: send support your order number and a photo.</p>",
            ),
        ],
        "around_product": [
            ("subheading", "Recipe: crispy smashed potatoes"),
            (
                "paragraph",
                "<ol><li>Boil 750 g small potatoes until tender and let them steam dry.</li>"
                "<li>Heat three tablespoons of olive oil in the pan over a medium-high heat.</li>"
                "<li>Press each potato flat with a glass and fry for five minutes a side.</li>"
                "<li>Finish with flaky salt, garlic and rosemary.</li></ol>",
            ),
        ],
    },
    "coffee-tea": {
        "before_buying": [
            (
                "question_answer",
                "Which grind suits which brewer?",
                "<p>Espresso and moka pots want a fine grind, pour-over a medium grind and a "
                "French press a coarse one, like sea salt.</p>",
            ),
            (
                "question_answer",
                "Can I use it with tea as well?",
                "<p>Yes. Green tea brews best at 70–80 °C, black tea at 95 °C.</p>",
            ),
        ],
        "after_buying": [
            ("subheading", "Keep it clean"),
            (
                "paragraph",
                "<p>Rinse it after every use. Coffee oils turn bitter over time, so wash all "
                "parts with mild soap once a week.</p>",
            ),
            (
                "tip",
                "Descale every month",
                "<p>With hard water, descale with a citric-acid solution once a month, and "
                "rinse twice with fresh water afterwards.</p>",
            ),
        ],
        "around_product": [
            ("subheading", "Brew guide: a better cup in four steps"),
            (
                "paragraph",
                "<ol><li>Use 60 g of coffee per litre of water.</li>"
                "<li>Heat the water to 92–96 °C.</li>"
                "<li>Let the grounds bloom in a splash of water for 30 seconds.</li>"
                "<li>Pour the rest slowly and taste; adjust the grind next time.</li></ol>",
            ),
        ],
    },
    "outdoor-cooking": {
        "before_buying": [
            (
                "question_answer",
                "Can I use it indoors or in a tent?",
                "<p>No. Gas and charcoal give off carbon monoxide: use it outdoors only, "
                "with plenty of fresh air.</p>",
            ),
            (
                "question_answer",
                "Which fuel do I need?",
                "<p>The specifications name the fuel. Cartridges and charcoal are not "
                "included, and cartridges cannot be sent by post.</p>",
            ),
        ],
        "after_buying": [
            ("subheading", "Before every use"),
            (
                "paragraph",
                "<p>Check seals and hoses for cracks, set it on a stable, non-flammable "
                "surface and keep children and pets at a safe distance.</p>",
            ),
            (
                "tip",
                "Clean it while it is warm",
                "<p>Brush the grate or stone while it is still warm; burnt-on food comes off "
                "far more easily.</p>",
            ),
        ],
        "around_product": [
            ("subheading", "Recipe: campfire flatbreads"),
            (
                "paragraph",
                "<ol><li>Mix 250 g flour, 150 ml water, a pinch of salt and a spoon of oil.</li>"
                "<li>Divide into six balls and press them flat.</li>"
                "<li>Bake for two minutes a side on a hot pan or grate.</li></ol>",
            ),
        ],
    },
}


@transaction.atomic
def product_support_seed(stdout) -> None:
    """Give every product of a demo category a picture, a manual and support content."""
    images = _collection(IMAGES_COLLECTION)
    manuals = _collection(MANUALS_COLLECTION)
    changed = 0
    products = ProductPage.objects.filter(category__slug__in=SUPPORT_CONTENT).select_related(
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
        for section, blocks in SUPPORT_CONTENT[product.category.slug].items():
            if not getattr(page, section):
                setattr(page, section, [_block(*block) for block in blocks])
                touched = True
        if touched:
            page.save_revision().publish()
            changed += 1
    stdout.write(f"Demo product support content: {changed} products filled in.")


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _block(block_type: str, *values: str):
    if block_type == "subheading":
        return ("subheading", values[0])
    if block_type == "paragraph":
        return ("paragraph", RichText(values[0]))
    if block_type == "tip":
        return ("tip", {"title": values[0], "text": RichText(values[1])})
    return ("question_answer", {"question": values[0], "answer": RichText(values[1])})


def _product_image(product: ProductPage, collection: Collection):
    Image = get_image_model()
    existing = Image.objects.filter(collection=collection, title=product.title).first()
    if existing:
        return existing
    content = ContentFile(_picture_png(product), name=f"{product.sku.lower()}.png")
    image = Image(title=product.title, description=product.title, collection=collection)
    image.file = content
    image._set_image_file_metadata()
    image.save()
    return image


def _manual(product: ProductPage, collection: Collection):
    Document = get_document_model()
    title = f"{product.title}: quick-start manual"
    existing = Document.objects.filter(collection=collection, title=title).first()
    if existing:
        return existing
    pdf = _manual_pdf(product)
    document = Document(title=title, collection=collection, file_size=len(pdf))
    document.file.save(f"{product.sku.lower()}-manual.pdf", ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _picture_png(product: ProductPage) -> bytes:
    """A simple, recognisable picture: the category's icon and the product's name."""
    from PIL import Image, ImageDraw, ImageFont

    background, ink, icon = CATEGORY_LOOK.get(product.category.slug, ("#e8edf3", "#1d2330", ""))
    width, height = 960, 720
    picture = Image.new("RGB", (width, height), background)
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
