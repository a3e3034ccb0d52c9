/**
 * Synthetic demo data: a demo clinic, one user per role with known passwords, and about fifty generated
 * patients. Everything lives in a clinic flagged `is_demo`, so every screen labels it as demo data. Running
 * it again adds nothing that is already there.
 */
import { Faker, base, en, en_US } from '@faker-js/faker';
import { STAFF_ROLES, type StaffRole } from '@ketapath/core';
import { findClinicBySlug, findUserByEmail, insertClinic, searchPatients, type ClinicRow } from '@ketapath/db';
import { addMeasurement, createPatient, createStaffUser, type AppContext, type Actor } from '@ketapath/server';


export const DEMO_CLINIC_SLUG = 'demo';
export const DEMO_PATIENT_COUNT = 50;
const DEMO_SEED = 20_261_121;

export interface DemoLogin {
  role: StaffRole;
  email: string;
  password: string;
}

/** Known demo passwords, printed at every run; they protect only synthetic data. */
export function demoLogins(): DemoLogin[] {
  return STAFF_ROLES.map((role) => ({ role, email: `${role.replace('_', '-')}@demo.ketapath.test`, password: `demo-${role.replace('_', '-')}-pass` }));
}

export interface DemoResult {
  clinic: ClinicRow;
  logins: DemoLogin[];
  patientsCreated: number;
  patientsTotal: number;
}

/**
 * Body sizes of the synthetic adults: normal draws around typical US adult means by sex (CDC NHANES
 * 2015–2018 anthropometric reference, Fryar et al. 2021, Tables 4 and 10: women 77.5 kg / 161.3 cm, men
 * 90.6 kg / 175.3 cm). They make demo screens look real; nothing doses from them but demo patients.
 */
const BODY = {
  female: { weightKg: [77.5, 17], heightCm: [161.3, 7] },
  male: { weightKg: [90.6, 18], heightCm: [175.3, 7.5] },
} as const;

function normal(faker: Faker, mean: number, sd: number): number {
  // Box–Muller on the seeded generator.
  const u = 1 - faker.number.float({ min: 0, max: 1 });
  const v = faker.number.float({ min: 0, max: 1 });
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

export async function seedDemo(ctx: AppContext): Promise<DemoResult> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const clinic =
    (await findClinicBySlug(db, DEMO_CLINIC_SLUG)) ??
    (await insertClinic(db, { slug: DEMO_CLINIC_SLUG, name: 'Demo Ketamine Clinic (synthetic data)', isDemo: true }));
  if (!clinic.isDemo) throw new Error(`A clinic "${DEMO_CLINIC_SLUG}" exists and is not a demo clinic; not touching it.`);

  const logins = demoLogins();
  const actors = {} as Record<StaffRole, Actor>;
  for (const login of logins) {
    const existing = await findUserByEmail(db, login.email);
    const user =
      existing?.user ??
      (await createStaffUser(db, {
        clinicId: clinic.id,
        email: login.email,
        displayName: `Demo ${login.role.replace('_', ' ')}`,
        role: login.role,
        password: login.password,
        now,
      }));
    actors[login.role] = {
      userId: user.id, clinicId: clinic.id, email: user.email, displayName: user.displayName, role: user.role, sessionTokenHash: '', csrfToken: '',
    };
  }

  const existing = (await searchPatients(db, clinic.id, { nameFragments: [], dateOfBirth: null, mrnPrefix: null }, { limit: 1, offset: 0 })).total;
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(DEMO_SEED);
  const meta = { requestId: 'demo-seed', ip: null, userAgent: 'ketapath demo' };
  const frontDesk = actors.front_desk;
  const nurse = actors.nurse;
  let created = 0;
  for (let i = 0; i < DEMO_PATIENT_COUNT; i++) {
    // Draw every patient even when skipping, so the sequence (and names) stay the same across runs.
    const sex = faker.helpers.arrayElement(['female', 'male'] as const);
    const body = BODY[sex];
    const person = { familyName: faker.person.lastName(), givenNames: faker.person.firstName(sex) };
    const birth = faker.date.birthdate({ mode: 'age', min: 22, max: 80, refDate: now }).toISOString().slice(0, 10);
    const heightCm = round1(clamp(normal(faker, body.heightCm[0], body.heightCm[1]), 145, 205));
    const drawWeight = () => round1(clamp(normal(faker, body.weightKg[0], body.weightKg[1]), 45, 180));
    const firstWeightKg = drawWeight();
    const laterDraws = [drawWeight(), drawWeight()] as const;
    const phone = faker.phone.number({ style: 'national' });
    const city = faker.location.city();
    const state = faker.location.state({ abbreviated: true });
    if (i < existing) continue;
    const firstVisit = new Date(now.getTime() - (200 + i) * 86_400_000).toISOString().slice(0, 10);
    const patient = await createPatient(ctx, frontDesk, meta, {
      ...person,
      dateOfBirth: birth,
      sexAtBirth: sex,
      phone,
      address: { city, region: state, country: 'US' },
      heightCm,
      weightKg: firstWeightKg,
      measuredOn: firstVisit,
    });
    // A weight history: later visits drift by a few kilograms.
    for (const [draw, days] of [[laterDraws[0], 120], [laterDraws[1], 30]] as const) {
      const drift = clamp(draw - firstWeightKg, -4, 4);
      await addMeasurement(ctx, nurse, meta, patient.id, {
        kind: 'weight',
        weightKg: round1(firstWeightKg + drift),
        measuredOn: new Date(now.getTime() - (days - (i % 7)) * 86_400_000).toISOString().slice(0, 10),
      });
    }
    created++;
  }
  return { clinic, logins, patientsCreated: created, patientsTotal: Math.max(existing, DEMO_PATIENT_COUNT) };
}
