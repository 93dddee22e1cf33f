import { ui } from '@uia/i18n';
import type { QrEntity } from '../../api.ts';

const c = ui.app.confirm;

/** 选择登录单位: the entities a 法人登录 QR may be confirmed for, one to choose. */
export function EntityPicker({ entities, chosen, disabled, onChoose }: { entities: QrEntity[]; chosen: string | null; disabled: boolean; onChoose: (entityId: string) => void }) {
  return (
    <fieldset className="entity-picker" aria-describedby="entity-picker-hint">
      <legend className="entity-picker-title">{c.entityTitle}</legend>
      <p id="entity-picker-hint" className="entity-picker-hint">
        {c.entityHint}
      </p>
      <div className="entity-options">
        {entities.map((entity) => {
          const checked = entity.id === chosen;
          return (
            <label key={entity.id} className={checked ? 'entity-option is-selected' : 'entity-option'}>
              <input type="radio" name="entityId" value={entity.id} checked={checked} disabled={disabled} onChange={() => onChoose(entity.id)} />
              <span className="entity-option-text">
                <span className="entity-option-head">
                  <span className="entity-option-name">{entity.name}</span>
                  <span className={`entity-role entity-role-${entity.role === 'agent' ? 'agent' : 'representative'}`}>{c.entityRoles[entity.role] ?? entity.role}</span>
                </span>
                <span className="entity-option-uscc">
                  {c.entityUsccLabel}
                  <span className="entity-option-code">{entity.uscc}</span>
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
