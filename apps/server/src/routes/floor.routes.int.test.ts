import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getProtocol } from '@ketapath/clinical-rules';
import type { Protocol } from '@ketapath/core';
import {
  auditRows,
  EventStream,
  seedSignedPlan,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';
import type { AppContext } from '../context.js';
import { floorBusOf } from '../services/floor-bus.js';

describe(`floor board (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let protocol: Protocol;
  let nurse: TestClient;
  const sessionIds: string[] = [];

  before(async () => {
    t = await startTestApp();
    const found = getProtocol('crps-4h-daily-10-days');
    assert.ok(found);
    protocol = found;
    nurse = await t.as('nurse');
    const desk = await t.as('front_desk');
    // Twenty chairs today, each with its own patient.
    for (let i = 0; i < 20; i++) {
      const plan = await seedSignedPlan(t, {
        protocol,
        sessionStarts: [new Date(TEST_NOW.getTime() - 60 * 60_000 + i * 60_000)],
        patient: { familyName: `Chair${String(i + 1).padStart(2, '0')}` },
      });
      const sessionId = plan.sessionIds[0]!;
      sessionIds.push(sessionId);
      const moved = await desk.patch(`/api/sessions/${sessionId}`, {
        chair: `Chair ${i + 1}`,
        expectedVersion: 0,
      });
      assert.equal(moved.status, 200, moved.text);
    }
    // Tomorrow's session is not on today's board.
    await seedSignedPlan(t, {
      protocol,
      sessionStarts: [new Date(TEST_NOW.getTime() + 24 * 3_600_000)],
      patient: { familyName: 'Tomorrow' },
    });
  });
  after(async () => {
    await t.close();
  });

  it('lists every chair of today with its patient, protocol, session number and nurse', async () => {
    const board = await nurse.get('/api/floor');
    assert.equal(board.status, 200, board.text);
    assert.equal(board.body.date, TEST_NOW.toISOString().slice(0, 10));
    assert.equal(board.body.chairs.length, 20);
    const first = board.body.chairs[0];
    assert.equal(first.chair, 'Chair 1');
    assert.equal(first.patient.displayName, 'Chair01, Jane');
    assert.equal(first.protocolName, protocol.name);
    assert.deepEqual([first.sessionNumber, first.sessionCount, first.state], [1, 1, 'scheduled']);
    assert.deepEqual(first.openAlerts, { stopAndCall: 0, pause: 0, slow: 0, watch: 0, other: 0 });
    assert.equal(first.lastVitals, null);
    assert.ok(
      board.body.chairs.every(
        (c: { patient: { displayName: string } }) => !c.patient.displayName.startsWith('Tomorrow'),
      ),
    );
    const audit = await auditRows(t.database, `action = 'floor.read' AND user_id = $1`, [
      t.clinics.a.users.nurse.id,
    ]);
    assert.equal(audit.at(-1)?.detail['via'], 'list');
  });

  it('streams the board, then the chair that changed after a vitals post, over real HTTP', async () => {
    const stream = await new EventStream().open(`${t.url}/api/floor/stream`, nurse.cookie ?? '');
    const otherClinic = await new EventStream().open(
      `${t.url}/api/floor/stream`,
      (await t.as('nurse', 'b')).cookie ?? '',
    );
    try {
      assert.equal(stream.status, 200);
      assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.match(stream.headers.get('cache-control') ?? '', /no-cache/);
      assert.equal(stream.headers.get('x-content-type-options'), 'nosniff', 'the security headers are kept');
      assert.equal(
        stream.headers.get('content-encoding'),
        null,
        'not compressed (nothing buffers the stream)',
      );
      const snapshot = await stream.next();
      assert.equal(snapshot.event, 'snapshot');
      assert.equal(snapshot.data.chairs.length, 20);
      assert.equal((await otherClinic.next()).data.chairs.length, 0);

      const sessionId = sessionIds[4]!;
      const posted = await nurse.post(`/api/sessions/${sessionId}/entries`, {
        entry: { kind: 'vitals', vitals: { systolicMmHg: 131, diastolicMmHg: 84, heartRatePerMin: 77 } },
        clientEntryId: randomUUID(),
      });
      assert.equal(posted.status, 201, posted.text);
      const chair = await stream.next();
      assert.equal(chair.event, 'chair');
      assert.equal(chair.data.sessionId, sessionId);
      assert.equal(chair.data.chair, 'Chair 5');
      assert.equal(chair.data.lastVitals.systolicMmHg, 131);
      assert.equal(chair.data.lastVitals.at, TEST_NOW.toISOString());

      // A schedule change is pushed too; the other clinic's stream hears nothing of clinic A.
      const moved = await (
        await t.as('front_desk')
      ).patch(`/api/sessions/${sessionId}`, { chair: 'Chair 21', expectedVersion: chair.data.version });
      assert.equal(moved.status, 200, moved.text);
      const movedChair = await stream.next();
      assert.deepEqual([movedChair.data.sessionId, movedChair.data.chair], [sessionId, 'Chair 21']);
      await assert.rejects(otherClinic.next(300), /no event arrived in time/);
    } finally {
      stream.close();
      otherClinic.close();
    }
    // Closed streams leave the bus.
    const bus = floorBusOf({ database: t.database } as AppContext);
    for (let i = 0; i < 50 && bus.listenerCount(t.clinics.a.id) > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(bus.listenerCount(t.clinics.a.id), 0);
    assert.equal(bus.listenerCount(t.clinics.b.id), 0);
    const audit = await auditRows(t.database, `action = 'floor.read' AND user_id = $1`, [
      t.clinics.a.users.nurse.id,
    ]);
    assert.equal(audit.at(-1)?.detail['via'], 'stream');
  });

  it('refuses the stream to the front desk and to anonymous callers', async () => {
    const desk = await t.as('front_desk');
    const refused = await fetch(`${t.url}/api/floor/stream`, { headers: { cookie: desk.cookie ?? '' } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { code: string }).code, 'PERMISSION_DENIED');
    assert.equal((await fetch(`${t.url}/api/floor/stream`)).status, 401);
  });
});
