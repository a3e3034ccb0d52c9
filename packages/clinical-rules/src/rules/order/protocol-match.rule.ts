/** The order must name the protocol and version it is checked against, on one of its routes and steps. */
import { defineRule, type FindingDraft } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';

export const protocolMatch = defineRule<OrderSnapshot>({
  id: 'order/protocol-match',
  version: 1,
  area: 'order',
  title: 'Order matches its protocol, version, route and step',
  severity: 'block',
  description:
    'An order is checked against the protocol version it names. A different id or version, a route the protocol does not use, or a kind (infusion, bolus) with no step on that route is refused.',
  parameters: [],
  citations: [
    {
      section: '§2.1',
      source: 'S7',
      note: 'Each regimen is defined by its route, amount and schedule; an order is only as safe as the regimen it follows.',
    },
  ],
  evaluate: (s) => {
    const out: FindingDraft[] = [];
    const { order, protocol } = s;
    const inputs = {
      orderProtocolId: order.protocolId,
      orderProtocolVersion: order.protocolVersion,
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      route: order.route,
      kind: order.kind,
    };
    if (order.protocolId !== protocol.id || order.protocolVersion !== protocol.version) {
      out.push({
        message: `The order names protocol ${order.protocolId} version ${order.protocolVersion} but is being checked against ${protocol.id} version ${protocol.version}.`,
        inputs,
      });
    }
    if (!protocol.routes.includes(order.route)) {
      out.push({
        message: `Route ${order.route} is not part of ${protocol.name} (routes: ${protocol.routes.join(', ')}).`,
        inputs,
      });
    } else if (s.matchingSteps.length === 0) {
      out.push({ message: `${protocol.name} has no ${order.kind} step on route ${order.route}.`, inputs });
    }
    return out;
  },
});
