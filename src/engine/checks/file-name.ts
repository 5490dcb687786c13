import { basename, dirname } from '../repo-index.js';
import type { Check } from './types.js';

/** File name `<prefix>-NNN-slug.md` and folder follow the type's convention. */
export const fileName: Check = {
  id: 'file-name',
  description: 'Spec files are named <prefix>-NNN-slug.md and live in their type\'s folder.',
  severity: 'warning',
  run({ path, type, report, detectedBy }) {
    const name = basename(path);
    if (!type.fileName.test(name)) {
      report({ message: `File name "${name}" does not follow the ${type.name} convention ${type.filePrefix}-NNN-slug.md (lower-case slug, e.g. ${type.filePrefix}-001-payment-service.md).`, line: 1 });
    }
    if (detectedBy !== 'config' && detectedBy !== 'forced' && dirname(path) !== type.folder && !path.startsWith(`${type.folder}/`)) {
      report({ message: `A ${type.name} spec belongs in ${type.folder}/ (found in ${dirname(path) || 'the repository root'}/).`, line: 1 });
    }
  },
};
