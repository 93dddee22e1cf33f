import { useEffect, useState, type ReactNode } from 'react';
import type { SentCodeState } from '@uia/schemas';
import type { PasswordContext } from '@uia/validators';
import { PanelHead } from '../../components/PanelHead.tsx';
import { endpoints } from '../../api.ts';
import { fill } from '../../text.ts';
import { f, type StartAnswer } from './flow.tsx';
import { FlowError } from './FlowError.tsx';
import { Step1Account } from './Step1Account.tsx';
import { Step2Verify } from './Step2Verify.tsx';
import { passwordContext, Step3Password } from './Step3Password.tsx';
import { Step4Done } from './Step4Done.tsx';

/**
 * 忘记密码 (manual 二.3): 1 填写账户名 → 2 验证身份 → 3 设置新密码 → 4 完成.
 * Each step's answer carries the ticket the next step presents; tickets live
 * in this component's state only (the server also binds the flow to this
 * browser with an HttpOnly cookie). Server side: apps/idp/src/routes/password-reset.ts
 * (HTTP) → apps/idp/src/services/password-reset/ (the steps' rules);
 * browser test: e2e/forgot-password.e2e.test.ts.
 */
type Stage = { step: 1 } | { step: 2; ticket: string; account: string; start: StartAnswer; waiting?: SentCodeState } | { step: 3; ticket: string; context: PasswordContext } | { step: 4 };

export function ForgotPasswordPage({ uid }: { uid: string | null }) {
  const [stage, setStage] = useState<Stage>({ step: 1 });
  const [flowError, setFlowError] = useState<string | null>(null);
  // What was typed at step 1, kept for 重新开始 / 更换账户名.
  const [account, setAccount] = useState('');
  // A new key remounts step 1, which fetches a fresh captcha.
  const [round, setRound] = useState(0);

  // After a reload: a code this browser was sent is still waiting (the server remembers the flow).
  useEffect(() => {
    endpoints.resetResume().then(
      (flow) => {
        if (!flow.resumable) return;
        const { ticket, account: typed, ...waiting } = flow;
        setAccount(typed);
        setStage((now) => (now.step === 1 ? { step: 2, ticket, account: typed, start: { phoneBound: true, maskedPhone: waiting.maskedPhone }, waiting } : now));
      },
      () => undefined,
    );
  }, []);

  function restart() {
    setFlowError(null);
    setStage({ step: 1 });
    setRound((n) => n + 1);
  }

  const total = f.steps.length;
  const stepName = f.steps[stage.step - 1] ?? '';

  let content: ReactNode;
  if (flowError) {
    content = <FlowError message={flowError} uid={uid} onRestart={restart} />;
  } else if (stage.step === 1) {
    content = (
      <Step1Account
        key={round}
        initialAccount={account}
        onDone={(typed, ticket, start) => {
          setAccount(typed);
          setStage({ step: 2, ticket, account: typed, start });
        }}
        onFlowError={setFlowError}
      />
    );
  } else if (stage.step === 2) {
    content = (
      <Step2Verify
        ticket={stage.ticket}
        account={stage.account}
        start={stage.start}
        waiting={stage.waiting}
        uid={uid}
        onVerified={(ticket, idNumber) => setStage({ step: 3, ticket, context: passwordContext(stage.account, idNumber) })}
        onNoPhone={() => setStage({ ...stage, start: { phoneBound: false, maskedPhone: null } })}
        onChangeAccount={restart}
        onFlowError={setFlowError}
      />
    );
  } else if (stage.step === 3) {
    content = <Step3Password ticket={stage.ticket} context={stage.context} onDone={() => setStage({ step: 4 })} onFlowError={setFlowError} />;
  } else {
    content = <Step4Done uid={uid} />;
  }

  return (
    <section className="panel forgot-panel" aria-labelledby="forgot-title">
      <PanelHead id="forgot-title" title={f.heading} backPrompt={stage.step !== 4 && f.rememberPassword} backLabel={f.backToLogin} uid={uid} />
      <StepBar current={stage.step} />
      <p className="visually-hidden" role="status">
        {fill(f.stepStatus, { number: stage.step, total, name: stepName })}
      </p>
      <div className="forgot-body">{content}</div>
    </section>
  );
}

/** The manual's progress bar: an ordered list, the current step marked for assistive technology too. */
function StepBar({ current }: { current: number }) {
  return (
    <ol className="steps" aria-label={f.stepsLabel}>
      {f.steps.map((name, index) => {
        const number = index + 1;
        const state = number < current ? 'is-done' : number === current ? 'is-current' : 'is-todo';
        return (
          <li key={name} className={`step ${state}`} aria-current={number === current ? 'step' : undefined}>
            <span className="step-index" aria-hidden="true">
              {number < current ? <CheckMark /> : number}
            </span>
            <span className="step-name">
              <span className="visually-hidden">{number} </span>
              {name}
              {number < current && <span className="visually-hidden">{f.stepDone}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function CheckMark() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="m3.5 8.3 3 3 6-6.6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
