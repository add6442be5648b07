"""StreamField blocks for the knowledge base and the product support sections.

Each block renders through its own template under templates/blocks/, so a page template
only says `{% include_block page.before_buying %}`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# Rich text in support content stays simple: what an editor needs to explain a product.
SUPPORT_RICHTEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "code"]


def rendered_through(template_name: str, **options):
    """The ``Meta`` of a block that renders through templates/blocks/<template_name>.html,
    with its other options (icon, label) as given; the path convention is stated only here."""
    return type("Meta", (), {"template": f"blocks/{template_name}.html", **options})


class SubheadingBlock(blocks.CharBlock):
    """A heading inside a section; the section itself already has the level-2 heading."""

    Meta = rendered_through("subheading", icon="title", label=_("Subheading"))


class ParagraphBlock(blocks.RichTextBlock):
    Meta = rendered_through("paragraph", icon="pilcrow", label=_("Text"))


class FigureBlock(blocks.StructBlock):
    """A picture with its alternative text (required unless decorative) and a caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    Meta = rendered_through("figure", icon="image", label=_("Image"))


class TipBlock(blocks.StructBlock):
    """A highlighted hint: a warning about a common mistake, a shortcut, a care tip."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=SUPPORT_RICHTEXT_FEATURES)

    Meta = rendered_through("tip", icon="help", label=_("Tip"))


class QuestionAnswerBlock(blocks.StructBlock):
    """A question the shop is often asked, answered officially (shown as a disclosure)."""

    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=SUPPORT_RICHTEXT_FEATURES)

    Meta = rendered_through("question_answer", icon="help", label=_("Question and answer"))


class DocumentLinkBlock(blocks.StructBlock):
    """A download: a guide, a size chart, a recipe card."""

    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the document's title."),
    )

    Meta = rendered_through("document_link", icon="doc-full", label=_("Download"))


class SupportContentBlock(blocks.StreamBlock):
    """What an editor may put in a product's before-buying, after-buying and utility sections."""

    subheading = SubheadingBlock()
    paragraph = ParagraphBlock(features=SUPPORT_RICHTEXT_FEATURES)
    figure = FigureBlock()
    tip = TipBlock()
    question_answer = QuestionAnswerBlock()
    download = DocumentLinkBlock()

    Meta = rendered_through("support_content")


# Knowledge-base articles: the support blocks plus headings, steps, video, code and tables.
# Headings and steps carry an anchor (their slugified title) the table of contents links to.


class HeadingBlock(blocks.CharBlock):
    """A level-2 heading of an article; it appears in the article's table of contents."""

    Meta = rendered_through("heading", icon="title", label=_("Heading"))


class StepBlock(blocks.StructBlock):
    """One numbered step of a how-to: a title, what to do, and optionally a picture."""

    title = blocks.CharBlock(label=_("Step title"), max_length=120)
    text = blocks.RichTextBlock(label=_("What to do"), features=SUPPORT_RICHTEXT_FEATURES)
    image = ImageBlock(label=_("Image"), required=False)

    Meta = rendered_through("step", icon="list-ol", label=_("Step"))


class VideoBlock(blocks.StructBlock):
    """A video from YouTube, Vimeo and the like, with a caption."""

    video = EmbedBlock(label=_("Video address"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    Meta = rendered_through("video", icon="media", label=_("Video"))


class CodeBlock(blocks.StructBlock):
    """Literal text shown as it is: a setting, a firmware command, a recipe card's ratios."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=120)
    code = blocks.TextBlock(label=_("Text"))

    Meta = rendered_through("code", icon="code", label=_("Code or literal text"))


class TableRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Row heading"), max_length=120)
    value = blocks.CharBlock(label=_("Value"), max_length=250)


class TableBlock(blocks.StructBlock):
    """A two-column table: sizes, temperatures, ratios."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=120)
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rows"))

    Meta = rendered_through("table", icon="table", label=_("Table"))


class ArticleBodyBlock(blocks.StreamBlock):
    """What an editor may put in a knowledge-base article."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=[*SUPPORT_RICHTEXT_FEATURES, "h3"])
    step = StepBlock()
    figure = FigureBlock()
    tip = TipBlock()
    video = VideoBlock()
    code = CodeBlock()
    table = TableBlock()
    download = DocumentLinkBlock()


class FAQBlock(blocks.StreamBlock):
    """The question-and-answer pairs of an FAQ page."""

    question_answer = QuestionAnswerBlock()
