import { ui } from '@uia/i18n';
import { Icon, type IconName } from '../../components/Icons.tsx';
import { fill } from '../../format.ts';

const p = ui.app.phone;

/** 换绑 by face only where the platform has a face verifier (UIA_FACE_PROVIDER). */
export function ChooseMethod({ maskedPhone, faceCheck, onChoose }: { maskedPhone: string | null; faceCheck: boolean; onChoose: (step: 'oldSms' | 'face') => void }) {
  return (
    <section className="form" aria-labelledby="choose-title">
      <p className="form-intro">{maskedPhone ? fill(p.currentPhone, { phone: maskedPhone }) : p.noPhone}</p>
      <h2 id="choose-title" className="form-heading-small">
        {p.chooseTitle}
      </h2>
      <ul className="choices">
        <Choice icon="phone" label={p.byOldPhone} hint={maskedPhone ? fill(p.byOldPhoneHint, { phone: maskedPhone }) : p.noPhone} onClick={() => onChoose('oldSms')} disabled={!maskedPhone} />
        {faceCheck && <Choice icon="face" label={p.byFace} hint={p.byFaceHint} onClick={() => onChoose('face')} />}
      </ul>
    </section>
  );
}

function Choice({ icon, label, hint, onClick, disabled = false }: { icon: IconName; label: string; hint: string; onClick: () => void; disabled?: boolean }) {
  return (
    <li>
      <button type="button" className="choice" onClick={onClick} disabled={disabled}>
        <Icon name={icon} className="choice-icon" />
        <span className="choice-text">
          <span className="choice-label">{label}</span>
          <span className="choice-hint">{hint}</span>
        </span>
        <Icon name="chevronRight" className="choice-chevron" />
      </button>
    </li>
  );
}
