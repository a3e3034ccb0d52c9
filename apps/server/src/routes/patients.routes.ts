/** Patient routes: search, create, read, update, and the dated body-measurement history. */
import { z } from 'zod';
import {
  ZCreateMeasurementBody,
  ZCreatePatientBody,
  ZMeasurement,
  ZMeasurementKind,
  ZPatient,
  ZPatientIdParams,
  ZPatientPage,
  ZPatientSearchQuery,
  ZUpdatePatientBody,
  ZWeightOn,
  ZWeightOnQuery,
} from '@ketapath/core';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import {
  addMeasurement,
  createPatient,
  findPatients,
  getMeasurements,
  getPatient,
  getWeightOn,
  updatePatient,
} from '../services/patient.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';

const tags = ['patients'];

export function registerPatientRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/patients',
    {
      config: { access: 'patient:read' },
      schema: {
        tags,
        summary: 'Search patients by name, date of birth (YYYY-MM-DD or MM/DD/YYYY) or MRN; case- and accent-insensitive',
        querystring: ZPatientSearchQuery,
        response: { 200: ZPatientPage, ...PROBLEMS },
      },
    },
    (request) => findPatients(ctx, actorOf(request), requestMeta(request), request.query),
  );

  app.post(
    '/api/patients',
    {
      config: { access: 'patient:write' },
      schema: { tags, summary: 'Register a patient; the MRN is assigned', body: ZCreatePatientBody, response: { 201: ZPatient, ...PROBLEMS } },
    },
    async (request, reply) => {
      const patient = await createPatient(ctx, actorOf(request), requestMeta(request), request.body);
      return reply.status(201).header('location', `/api/patients/${patient.id}`).send(patient);
    },
  );

  app.get(
    '/api/patients/:patientId',
    {
      config: { access: 'patient:read' },
      schema: { tags, summary: 'One patient, with the latest weight and height', params: ZPatientIdParams, response: { 200: ZPatient, ...PROBLEMS, ...NOT_FOUND } },
    },
    (request) => getPatient(ctx, actorOf(request), requestMeta(request), request.params.patientId),
  );

  app.patch(
    '/api/patients/:patientId',
    {
      config: { access: 'patient:write' },
      schema: {
        tags,
        summary: 'Change demographics; send the version you read, a stale one gets 409',
        params: ZPatientIdParams,
        body: ZUpdatePatientBody,
        response: { 200: ZPatient, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    (request) => updatePatient(ctx, actorOf(request), requestMeta(request), request.params.patientId, request.body),
  );

  app.get(
    '/api/patients/:patientId/measurements',
    {
      config: { access: 'patient:read' },
      schema: {
        tags,
        summary: 'Weight and height history, newest first',
        params: ZPatientIdParams,
        querystring: z.strictObject({ kind: ZMeasurementKind.optional() }),
        response: { 200: z.object({ items: z.array(ZMeasurement) }), ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) => ({
      items: await getMeasurements(ctx, actorOf(request), requestMeta(request), request.params.patientId, request.query.kind),
    }),
  );

  app.post(
    '/api/patients/:patientId/measurements',
    {
      config: { access: 'measurement:write' },
      schema: {
        tags,
        summary: 'Record a weight (kg) or height (cm) measured on a date; history is kept',
        params: ZPatientIdParams,
        body: ZCreateMeasurementBody,
        response: { 201: ZMeasurement, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMeasurement(ctx, actorOf(request), requestMeta(request), request.params.patientId, request.body)),
  );

  app.get(
    '/api/patients/:patientId/weight',
    {
      config: { access: 'patient:read' },
      schema: {
        tags,
        summary: 'The weight in force on a date: the latest measured on or before it',
        params: ZPatientIdParams,
        querystring: ZWeightOnQuery,
        response: { 200: ZWeightOn, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => getWeightOn(ctx, actorOf(request), requestMeta(request), request.params.patientId, request.query.on),
  );
}
