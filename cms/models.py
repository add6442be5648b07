"""cms's models, gathered where Django looks for them: the home page, the product catalogue
(catalogue.py), the knowledge base (knowledge_base.py) and its readers' feedback."""

from .article_feedback import ArticleFeedback
from .catalogue import (
    ProductCategory,
    ProductIndexPage,
    ProductManual,
    ProductPage,
    ProductSpecification,
)
from .home import HomePage
from .knowledge_base import (
    ArticleManual,
    ArticlePage,
    ArticlePageTag,
    ArticleProvenance,
    ArticleRelatedLink,
    FAQPage,
    KnowledgeBaseCategory,
    KnowledgeBaseIndexPage,
    KnowledgeBaseSectionPage,
)

__all__ = [
    "ArticleFeedback",
    "ArticleManual",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleProvenance",
    "ArticleRelatedLink",
    "FAQPage",
    "HomePage",
    "KnowledgeBaseCategory",
    "KnowledgeBaseIndexPage",
    "KnowledgeBaseSectionPage",
    "ProductCategory",
    "ProductIndexPage",
    "ProductManual",
    "ProductPage",
    "ProductSpecification",
]
