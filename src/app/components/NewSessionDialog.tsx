import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n";

/**
 * Asks before a new session clears the planner's work (a modal dialog: Esc or 取消 keeps it). While the session is
 * being cleared both buttons are disabled.
 */
export function NewSessionDialog(props: { onConfirm: () => Promise<void>; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [clearing, setClearing] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      data-testid="new-session-dialog"
      aria-labelledby="new-session-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!clearing) props.onClose();
      }}
    >
      <h2 id="new-session-title">{t("newSessionTitle")}</h2>
      <p>{t("newSessionBody")}</p>
      <div className="dialog-buttons">
        {/* first, so that the dialog opens with the harmless choice focused */}
        <button type="button" data-testid="new-session-cancel" disabled={clearing} onClick={props.onClose}>
          {t("cancel")}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="new-session-confirm"
          disabled={clearing}
          onClick={() => {
            setClearing(true);
            void props.onConfirm();
          }}
        >
          {t("newSessionConfirm")}
        </button>
      </div>
    </dialog>
  );
}
