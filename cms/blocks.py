"""StreamField blocks for the knowledge base and the product support sections.

Each block renders through its own template under templates/blocks/, so a page template
only says `{% include_block page.before_buying %}`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

# Rich text in support content stays simple: what an editor needs to explain a product.
SUPPORT_RICHTEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "code"]


class SubheadingBlock(blocks.CharBlock):
    """A heading inside a section; the section itself already has the level-2 heading."""

    class Meta:
        icon = "title"
        label = _("Subheading")
        template = "blocks/subheading.html"


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph.html"


class FigureBlock(blocks.StructBlock):
    """A picture with its alternative text (required unless decorative) and a caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure.html"


class TipBlock(blocks.StructBlock):
    """A highlighted hint: a warning about a common mistake, a shortcut, a care tip."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=SUPPORT_RICHTEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Tip")
        template = "blocks/tip.html"


class QuestionAnswerBlock(blocks.StructBlock):
    """A question the shop is often asked, answered officially (shown as a disclosure)."""

    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=SUPPORT_RICHTEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "blocks/question_answer.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A download: a guide, a size chart, a recipe card."""

    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/document_link.html"


class SupportContentBlock(blocks.StreamBlock):
    """What an editor may put in a product's before-buying, after-buying and utility sections."""

    subheading = SubheadingBlock()
    paragraph = ParagraphBlock(features=SUPPORT_RICHTEXT_FEATURES)
    figure = FigureBlock()
    tip = TipBlock()
    question_answer = QuestionAnswerBlock()
    download = DocumentLinkBlock()

    class Meta:
        template = "blocks/support_content.html"
