"""One service per resource, under every door: the rules and the authorisation of a use case,
written once and called the same way by the HTTP API (`web/`), the desk (`web/pages/`), the
command line (`cli/`, on the embedded store; with `--api` it goes through the HTTP API and so
through the same service) and background jobs.

A service method takes the acting principal (`Actor`) first and answers domain objects, or
raises the domain's `Forbidden`, `NotFound` or `BadInput`; each door only translates those to its
medium (an HTTP problem, a form's error, a CLI message). The methods are plain synchronous
functions: the async doors run them in a thread.
"""

from polywire.services.acting import Actor
from polywire.services.deliveries import DeliveryService
from polywire.services.feeds import FeedService
from polywire.services.glossary import GlossaryService
from polywire.services.jobs import JobService
from polywire.services.policy import PolicyService
from polywire.services.review import ReviewService
from polywire.services.stories import StoryLine, StoryService, StoryView
from polywire.services.submission import SameStoryOf, Submitted
from polywire.services.subscribers import SubscriberService
from polywire.services.tokens import TokenService
from polywire.services.users import UserService

__all__ = [
    "Actor",
    "DeliveryService",
    "FeedService",
    "GlossaryService",
    "JobService",
    "PolicyService",
    "ReviewService",
    "SameStoryOf",
    "StoryLine",
    "StoryService",
    "StoryView",
    "Submitted",
    "SubscriberService",
    "TokenService",
    "UserService",
]
