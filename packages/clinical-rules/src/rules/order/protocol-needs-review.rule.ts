/** Protocols flagged for review against their primary source (e.g. ambiguous units) need an acknowledgement. */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';

export const protocolNeedsReview = defineRule<OrderSnapshot>({
  id: 'order/protocol-needs-review',
  version: 1,
  area: 'order',
  title: 'Protocol must be checked against its primary source',
  severity: 'needs-ack',
  description:
    'A protocol whose source is ambiguous (for example the SCI regimen, whose units differ between summaries) is flagged on every order until the clinic has checked it and removed the flag in its copy.',
  parameters: [],
  citations: [
    {
      section: '§1.2',
      source: 'S3',
      note: 'SCI regimen reported as "0.42 mg/kg/h to 0.4 mg/kg"; the units are inconsistent, check against S1.',
    },
  ],
  evaluate: (s) =>
    s.protocol.reviewRequired === null
      ? []
      : [
          {
            message: s.protocol.reviewRequired,
            inputs: { protocolId: s.protocol.id, protocolVersion: s.protocol.version },
          },
        ],
});
