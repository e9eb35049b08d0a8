"""The Open Referral UK 3.0 read API under /api/ and the OpenAPI document that describes it."""
