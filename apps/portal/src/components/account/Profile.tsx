import { ui } from '@uia/i18n';
import type { PlatformFeatures } from '@uia/schemas';
import { raiseLevelHint } from '@uia/web';
import type { AccountPerson } from '../../api.ts';
import { levelText } from '../../entities.ts';
import { Fact, Section } from './Section.tsx';

const a = ui.account;

/** 个人信息: the logged-in person as the server shows them (masked). */
export function Profile({ person, features }: { person: AccountPerson; features: PlatformFeatures }) {
  return (
    <Section id="account-profile" title={a.profileTitle}>
      <dl className="facts">
        <Fact term={a.nameLabel}>{person.name}</Fact>
        <Fact term={a.idNumberLabel}>{person.idNumber}</Fact>
        <Fact term={a.phoneLabel}>{person.phone ?? <span className="account-muted">{a.phoneUnbound}</span>}</Fact>
        <Fact term={a.levelLabel}>
          <span className="level-badge">{levelText(person.assuranceLevel)}</span>
          {person.assuranceLevel === 'L1' && (
            <span className="account-muted" data-testid="account-raise-level">
              {' '}
              {raiseLevelHint(features)}
            </span>
          )}
        </Fact>
      </dl>
    </Section>
  );
}
