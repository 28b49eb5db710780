// The users a reference server starts with: providers and non-providers, enough for several
// pages at the default page size. Deterministic, so tests can name them.
import type { AccessRole, ProviderDetails } from "../types.js";

export interface StoredUser {
  user_id: string;
  /** The partner_user_id the user was created with; seeded users all have one. */
  external_user_id?: string;
  email: string;
  full_name: string;
  access_roles: AccessRole[];
  given_name: string;
  family_name: string;
  /** Kept even while the user holds no provider role; shown only when they do. */
  provider_details: ProviderDetails | null;
  /** False once disabled (PUT .../disable) until enabled again. Not in any answer: the spec has no such field. */
  enabled: boolean;
}

const GIVEN = ["Darlene", "Sam", "Priya", "Tom", "Aisha", "Lachlan", "Mei", "Oliver", "Grace", "Noah", "Zara", "Jack"];
const FAMILY = ["Cameron", "Nguyen", "Shah", "Walker", "Rahman", "Murphy", "Chen", "Smith", "Taylor", "Kelly", "Brown", "Wilson"];
const STATES = ["VIC", "NSW", "QLD", "WA", "SA", "TAS", "ACT", "NT"] as const;
const ROLE_SETS: AccessRole[][] = [
  ["admin", "provider"],
  ["provider"],
  ["receptionist", "rx_reader"],
  ["receptionist"],
  ["owner", "admin"],
  ["provider", "rx_queue_manager"],
  ["member"],
];

export const SEED_USER_COUNT = 45;

export function seedUsers(count = SEED_USER_COUNT): StoredUser[] {
  return Array.from({ length: count }, (_, index) => {
    const given = GIVEN[index % GIVEN.length]!;
    const family = FAMILY[(index * 5) % FAMILY.length]!;
    const roles = ROLE_SETS[index % ROLE_SETS.length]!;
    const prescriber = roles.includes("provider") || roles.includes("rx_queue_manager");
    const id = (0xabc123def456 + index * 7919).toString(16).padStart(12, "0");
    return {
      user_id: `usr_${id}`,
      external_user_id: `PARTNER#USER_${String(12345 + index)}`,
      email: `${given}.${family}.${index}@example.com`.toLowerCase(),
      full_name: `${prescriber ? "Dr " : ""}${given} ${family}`,
      access_roles: [...roles],
      given_name: given,
      family_name: family,
      provider_details: prescriber
        ? {
            title: "Dr",
            given_name: given,
            family_name: family,
            date_of_birth: `19${60 + (index % 35)}-${String((index % 12) + 1).padStart(2, "0")}-02`,
            sex: (["F", "M", "I", "N"] as const)[index % 4],
            hpii_number: `80036149000${String(29560 + index).padStart(5, "0")}`,
            prescriber_number: String(1234567 + index),
            provider_number: String(123456 + index),
            prescriber_type: "M",
            ahpra_number: `MED${String(1234567896 + index)}`,
            qualifications: "MBBS",
            hospital_provider_number: `H${String(123456 + index)}`,
            erx_entity_id: `F3W${String.fromCharCode(65 + (index % 26))}X`,
            phone: `04${String(12345678 + index).padStart(8, "0")}`,
            australian_address: {
              street_number: String(1 + index),
              street_name: "Collins Street",
              suburb: "Melbourne",
              state: STATES[index % STATES.length],
              postcode: String(3000 + index),
            },
          }
        : null,
      enabled: true,
    };
  });
}
