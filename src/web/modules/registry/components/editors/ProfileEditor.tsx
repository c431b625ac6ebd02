import type { TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { EntityFormDialog } from '../EntityFormDialog.js';
import { CorrectionDialog } from './CorrectionDialog.js';
import { FactDialog } from './FactDialog.js';
import { MergeDialog } from './MergeDialog.js';
import { PersonalDialog } from './PersonalDialog.js';
import { RecognitionDialog } from './RecognitionDialog.js';
import { RelationDialog } from './RelationDialog.js';

export type EditorKind = 'edit' | 'merge' | 'relation' | 'recognition' | 'fact' | 'personal' | 'correction';

type Props = {
  kind: EditorKind;
  open: boolean;
  onClose: () => void;
  /** After the closing animation: unmount. */
  afterClose: () => void;
  profile: TEntityProfile;
  onReload: () => Promise<TEntityProfile['entity'] | undefined>;
  onDone: (message: string) => void;
};

/**
 * The profile's editing dialogs, loaded together the first time a writer
 * opens one (readers never download forms).
 */
export const ProfileEditor = ({ kind, open, onClose, afterClose, profile, onReload, onDone }: Props) => {
  const common = { open, onClose, afterClose, entity: profile.entity, onDone };
  switch (kind) {
    case 'edit':
      return <EntityFormDialog open={open} onClose={onClose} afterClose={afterClose} entity={profile.entity} onReload={onReload} onSaved={onDone} />;
    case 'merge':
      return <MergeDialog {...common} />;
    case 'relation':
      return <RelationDialog {...common} />;
    case 'recognition':
      return <RecognitionDialog {...common} />;
    case 'fact':
      return <FactDialog {...common} />;
    case 'personal':
      return <PersonalDialog {...common} personal={profile.personal} />;
    case 'correction':
      return <CorrectionDialog {...common} />;
  }
};
