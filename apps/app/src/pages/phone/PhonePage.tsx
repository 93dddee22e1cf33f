import { useState } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, Link } from '@uia/web';
import type { Me } from '../../api.ts';
import { ResultPanel, Screen } from '../../components/Layout.tsx';
import { Steps } from '../../components/Steps.tsx';
import { fill } from '../../format.ts';
import { RequireLogin } from '../../require-login.tsx';
import { paths } from '../../router.ts';
import { useAuth, useSite } from '../../state.tsx';
import { ChooseMethod } from './ChooseMethod.tsx';
import { FaceStep } from './FaceStep.tsx';
import { NewPhoneStep } from './NewPhoneStep.tsx';
import { OldPhoneStep } from './OldPhoneStep.tsx';

const p = ui.app.phone;

type Step =
  { name: 'choose' } | { name: 'oldSms' } | { name: 'face'; capturing: boolean } | { name: 'new'; ticket: string } | { name: 'done'; maskedPhone: string } | { name: 'flowError'; message: string };

/**
 * 换绑手机号 (我的 → 设置 → 换绑手机号): prove the person (old phone's SMS
 * code, or face), then SMS-verify the new phone. Server side:
 * apps/idp/src/routes/app-api.ts (/app/api/phone/…) → apps/idp/src/services/change-phone/.
 */
export function PhonePage() {
  return <RequireLogin here={paths.phone} title={p.pageTitle} page={PhoneWizard} />;
}

function PhoneWizard({ me }: { me: Me }) {
  const auth = useAuth();
  const site = useSite();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const current = step.name === 'new' ? 1 : step.name === 'done' ? 2 : 0;

  /** Errors that end this attempt: the ticket is gone, or the session is. */
  function flowError(error: unknown): boolean {
    if (error instanceof ApiError && error.code === 'APP_LOGIN_REQUIRED') {
      auth.loggedOut();
      return true;
    }
    if (error instanceof ApiError && error.code === 'PHONE_CHANGE_STEP_INVALID') {
      setStep({ name: 'flowError', message: error.message });
      return true;
    }
    return false;
  }

  let body;
  switch (step.name) {
    case 'choose':
      body = <ChooseMethod maskedPhone={me.person.maskedPhone} faceCheck={site.features.faceCheck} onChoose={(name) => setStep(name === 'face' ? { name, capturing: false } : { name })} />;
      break;
    case 'oldSms':
      body = <OldPhoneStep onTicket={(ticket) => setStep({ name: 'new', ticket })} onFlowError={flowError} onBack={() => setStep({ name: 'choose' })} />;
      break;
    case 'face':
      body = (
        <FaceStep
          capturing={step.capturing}
          setCapturing={(capturing) => setStep({ name: 'face', capturing })}
          onTicket={(ticket) => setStep({ name: 'new', ticket })}
          onFlowError={flowError}
          onBack={() => setStep({ name: 'choose' })}
        />
      );
      break;
    case 'new':
      body = (
        <NewPhoneStep
          ticket={step.ticket}
          onDone={(maskedPhone) => {
            setStep({ name: 'done', maskedPhone });
            void auth.refresh();
          }}
          onFlowError={flowError}
        />
      );
      break;
    case 'done':
      body = (
        <ResultPanel
          tone="success"
          title={p.doneTitle}
          actions={
            <Link to={paths.me} className="button button-primary button-block button-large" replace>
              {p.doneBack}
            </Link>
          }
        >
          <p>{fill(p.doneText, { phone: step.maskedPhone })}</p>
        </ResultPanel>
      );
      break;
    case 'flowError':
      body = (
        <ResultPanel
          tone="error"
          title={p.flowErrorTitle}
          actions={
            <button type="button" className="button button-primary button-block button-large" onClick={() => setStep({ name: 'choose' })}>
              {p.restart}
            </button>
          }
        >
          <p>{step.message}</p>
        </ResultPanel>
      );
      break;
  }

  if (step.name === 'face' && step.capturing) return <Screen title={p.pageTitle}>{body}</Screen>;
  return (
    <Screen title={p.pageTitle} back={paths.settings}>
      <Steps label={p.stepsLabel} names={p.steps} current={current} statusTemplate={p.stepStatus} />
      {body}
    </Screen>
  );
}
