// An event type's label with its colour (data/event-colors.json), used by the timeline, the map and the legend.
import type { EventOut } from '../api.js';
import colors from '../data/event-colors.json';
import { useI18n } from '../i18n.js';

export const EVENT_TYPES = Object.keys(colors) as EventOut['type'][];

export function eventColor(type: string): string {
  return (colors as Record<string, string>)[type] ?? '#6b7280';
}

export function TypeBadge({ type }: { type: string }) {
  const { t } = useI18n();
  return (
    <span class="type-badge" style={{ '--type-color': eventColor(type) }}>
      {t(`eventType.${type}`)}
    </span>
  );
}

/** "هجوم واشتباك · اعتقال · سيطرة على أرض": the type, and the mode and qualifiers we have labels for. */
export function EventKind({ event }: { event: Pick<EventOut, 'type' | 'mode' | 'qualifiers'> }) {
  const { maybe } = useI18n();
  const details = [event.mode ? maybe(`mode.${event.mode}`) : undefined, ...event.qualifiers.map((q) => maybe(`qualifier.${q}`))].filter(
    (x): x is string => !!x,
  );
  return (
    <span class="event-kind">
      <TypeBadge type={event.type} />
      {[...new Set(details)].map((d) => (
        <span key={d} class="event-detail">
          {d}
        </span>
      ))}
    </span>
  );
}
