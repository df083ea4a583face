/** The buttons under an options form: submit, and Cancel when the form edits an item in place. */
import { t } from '../core/i18n';

export function FormActions({ submitLabel, onCancel }: { submitLabel: string; onCancel?: (() => void) | undefined }) {
  return (
    <div class="sl-options-actions">
      <button type="submit" class="sl-options-button">
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" class="sl-options-button sl-options-secondary" onClick={onCancel}>
          {t('options_cancel')}
        </button>
      ) : null}
    </div>
  );
}
