"""cms's models, gathered where Django looks for them: the home page, the product catalogue
(catalogue.py), the knowledge base (knowledge_base.py), its review step (review.py) and its
readers' feedback."""

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
from .review import KnowledgeBaseApprovalTask

__all__ = [
    "ArticleFeedback",
    "ArticleManual",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleProvenance",
    "ArticleRelatedLink",
    "FAQPage",
    "HomePage",
    "KnowledgeBaseApprovalTask",
    "KnowledgeBaseCategory",
    "KnowledgeBaseIndexPage",
    "KnowledgeBaseSectionPage",
    "ProductCategory",
    "ProductIndexPage",
    "ProductManual",
    "ProductPage",
    "ProductSpecification",
]
