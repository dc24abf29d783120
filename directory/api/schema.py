"""OpenAPI schema additions: the bearer-token scheme and the JSON error responses that every
operation may return (so the schema, and the fuzzer that checks against it, know them)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from .errors import ERROR_CODES


class FieldErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=ERROR_CODES, help_text="Stable: branch on it.")
    message = serializers.CharField(help_text="For people, in the request's language.")
    fields = serializers.DictField(
        child=FieldErrorSerializer(many=True),
        required=False,
        help_text="Which input was wrong: field or parameter name → errors.",
    )
    retry_after = serializers.IntegerField(required=False, help_text="Seconds (throttled).")
    edit_token = serializers.CharField(required=False, help_text="The current edit token (409).")


@extend_schema_serializer(
    many=False,
    component_name="Error",
)
class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


READ_ERRORS = ("400", "401", "403", "404", "406", "429")
WRITE_ERRORS = ("409", "415")


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = READ_ERRORS + (WRITE_ERRORS if self.method in ("POST", "PUT", "PATCH") else ())
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, direction=direction
                )
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "directory.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token made by staff at /staff/api-tokens/.",
        }
