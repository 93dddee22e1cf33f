import { fillTemplate, ui } from '@uia/i18n';
import { consoleApi } from '../../api.ts';
import { Section } from '../../components/Section.tsx';
import { useAction } from '../../components/useAction.ts';

const text = ui.console.health;

/** 签名密钥轮换: new keys, used by each node after its next restart. */
export function SigningKeyRotation() {
  const { busy, run } = useAction();
  return (
    <Section title={text.signingKeysTitle}>
      <p>{text.signingKeysText}</p>
      <button
        type="button"
        className="button button-danger"
        disabled={busy}
        onClick={() => void run(consoleApi.rotateSigningKeys, { confirm: text.confirmRotateSigningKeys, done: ({ kids }) => fillTemplate(text.signingKeysRotated, { kids: kids.join('、') }) })}
      >
        {text.rotateSigningKeys}
      </button>
    </Section>
  );
}
