// The environment variables the README's examples read, by the field of `serve --json` each
// comes from: what the tests that run the README set (the packed consumer, the first screen).
export const README_VARIABLES = {
  baseUrl: "PARCHMENT_BASE_URL",
  organizationId: "PARCHMENT_ORGANIZATION_ID",
  organizationSecret: "PARCHMENT_ORGANIZATION_SECRET",
  token: "PARCHMENT_TOKEN",
  userId: "PARCHMENT_USER_ID",
  partnerId: "PARCHMENT_PARTNER_ID",
  partnerSecret: "PARCHMENT_PARTNER_SECRET",
};
