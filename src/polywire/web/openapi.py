"""The OpenAPI document (`/openapi.json`, shown at `/docs`) holds the schemas of the bodies that
routes read themselves.

Some routes read their body themselves rather than through a FastAPI parameter (to answer 413
before reading past a limit, 415 for a content type they do not read, or a problem that names the
field the way the CLI does). Their `openapi_extra` points at a component (`ref`), and `Api` puts
those models into the document's components, with the models they use, so that every reference
resolves (a model's own `model_json_schema()` carries `$defs` that a reference inside an OpenAPI
document cannot reach). FastAPI's own 422 is documented as the problem it is answered with.

The document is shown at `/docs` (Swagger UI) and `/redoc` (ReDoc) from assets served by the wire
itself (`/docs/assets`, the files the `fastapi-offline` package bundles, under their own
licences): no page of the API explorer loads anything from another site, so it works on a machine
without internet access.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from polywire.web.problems import PROBLEM_CONTENT

_REF = "#/components/schemas/{model}"
_VALIDATION_ERROR = _REF.format(model="HTTPValidationError")
#: Swagger UI 5, ReDoc 2 and a favicon, as the fastapi-offline package ships them
EXPLORER_ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_PATH = "/docs/assets"


def ref(model: type[BaseModel]) -> dict[str, str]:
    """A reference to `model` among the components (list it in `Api`'s `components`)."""
    return {"$ref": _REF.format(model=model.__name__)}


class Api(FastAPI):
    """FastAPI whose document also holds `components`' schemas among its components."""

    def __init__(self, *, components: Sequence[type[BaseModel]], **settings: Any) -> None:
        super().__init__(**{**settings, "docs_url": None, "redoc_url": None})
        self.components = components
        _explorer(self)

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is not None:
            return self.openapi_schema
        document = super().openapi()  # kept as self.openapi_schema
        _, schemas = models_json_schema(
            [(model, "validation") for model in self.components], ref_template=_REF
        )
        components = document.setdefault("components", {}).setdefault("schemas", {})
        components.update(schemas.get("$defs", {}))
        _validation_errors_as_problems(document, components)
        return document


def _validation_errors_as_problems(document: dict[str, Any], components: dict[str, Any]) -> None:
    """FastAPI documents its 422 as JSON of its own shape; `problems.install` answers it as a
    problem."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            answer = operation.get("responses", {}).get("422")
            if answer is not None and _VALIDATION_ERROR in str(answer.get("content")):
                answer["content"] = PROBLEM_CONTENT
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)


def _explorer(app: FastAPI) -> None:
    """`/docs` and `/redoc`, their assets served from this package's installation."""
    app.mount(ASSETS_PATH, StaticFiles(directory=str(EXPLORER_ASSETS)), name="explorer-assets")
    redirect = app.swagger_ui_oauth2_redirect_url

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            oauth2_redirect_url=redirect,
            swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        )

    if redirect:

        @app.get(redirect, include_in_schema=False)
        async def swagger_ui_redirect() -> HTMLResponse:
            return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            redoc_js_url=f"{ASSETS_PATH}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        )
