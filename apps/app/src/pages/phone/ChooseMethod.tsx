import { ui } from '@uia/i18n';
import { ChevronRight, FaceIcon, PhoneIcon } from '../../components/Icons.tsx';
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
        <li>
          <button type="button" className="choice" onClick={() => onChoose('oldSms')} disabled={!maskedPhone}>
            <PhoneIcon className="choice-icon" />
            <span className="choice-text">
              <span className="choice-label">{p.byOldPhone}</span>
              <span className="choice-hint">{maskedPhone ? fill(p.byOldPhoneHint, { phone: maskedPhone }) : p.noPhone}</span>
            </span>
            <ChevronRight className="choice-chevron" />
          </button>
        </li>
        {faceCheck && (
          <li>
            <button type="button" className="choice" onClick={() => onChoose('face')}>
              <FaceIcon className="choice-icon" />
              <span className="choice-text">
                <span className="choice-label">{p.byFace}</span>
                <span className="choice-hint">{p.byFaceHint}</span>
              </span>
              <ChevronRight className="choice-chevron" />
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}
