import { ReasonDialog } from './ReasonDialog';

/** The revocation of a grant (a substitution, a proxy grant): what it stops, the reason asked for and recorded. */
export function RevokeDialog<T>({
  title,
  effect,
  invalidate,
  submit,
  onClose,
}: {
  title: string;
  effect: string;
  invalidate: readonly unknown[];
  submit: (reason: string) => Promise<T>;
  onClose: () => void;
}) {
  return (
    <ReasonDialog
      title={title}
      okText="Thu hồi"
      intro={<p>{effect}</p>}
      reasonLabel="Lý do thu hồi"
      reasonMessage="Bắt buộc: lý do thu hồi"
      invalidate={invalidate}
      submit={submit}
      onClose={onClose}
      onDone={onClose}
    />
  );
}
