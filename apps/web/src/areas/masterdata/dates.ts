import { isValidLocalDate } from '@partyflow/domain';

/**
 * Dates as officials type them (issue 10): `dd/mm/yyyy`, a Vietnamese local date, sent to the API as `YYYY-MM-DD`.
 * Never through a Date or a zone, so nothing shifts by a day.
 */
const VI_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `20/05/2000` (or `2/5/2000`) → `2000-05-20`; null when it is not a real calendar date. */
export function parseViDate(text: string): string | null {
  const m = VI_DATE.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isValidLocalDate(iso) ? iso : null;
}

/** `2000-05-20` → `20/05/2000`; '' when absent. */
export function toViDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** The antd Form rule of a date field typed as dd/mm/yyyy. */
export function viDateRule(required: boolean) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) {
        if (required) throw new Error('Bắt buộc nhập ngày (dd/mm/yyyy)');
        return;
      }
      if (!parseViDate(text)) throw new Error('Ngày không hợp lệ: nhập ngày có thật dạng dd/mm/yyyy');
    },
  };
}
