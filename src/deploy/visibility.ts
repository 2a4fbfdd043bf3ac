/**
 * After a deploy, checks that the running user can see every object and field the access matrix grants through the
 * assigned permission sets. Describe answers per user, so a field missing from it is a field the user cannot see:
 * the classic cause of "No such column" import failures right after a deploy.
 */
import { readFileSync } from 'node:fs';
import { accessMatrixFile } from '../shared/projectPaths.js';

type FieldAccess = 'edit' | 'read' | 'none' | 'required';

interface AccessMatrix {
  permissionSets: Record<
    string,
    {
      objects: Record<
        string,
        { object: { read: boolean; create: boolean; edit: boolean }; fields: Record<string, FieldAccess> }
      >;
    }
  >;
}

export interface ObjectVisibility {
  object: string;
  visible: boolean;
  /** Fields the matrix grants but describe does not show. */
  missingFields: string[];
  /** Fields the matrix grants "edit" but describe says neither createable nor updateable. */
  readOnlyFields: string[];
}

export interface VisibilityReport {
  permissionSets: string[];
  objects: ObjectVisibility[];
  ok: boolean;
  fieldsChecked: number;
}

/** What the given permission sets grant together: object -> field -> strongest access. */
export function grantedAccess(
  permissionSets: string[],
  matrixFile: string = accessMatrixFile
): Map<string, Map<string, FieldAccess>> {
  const matrix = JSON.parse(readFileSync(matrixFile, 'utf8')) as AccessMatrix;
  const rank: Record<FieldAccess, number> = { none: 0, read: 1, required: 2, edit: 3 };
  const granted = new Map<string, Map<string, FieldAccess>>();
  for (const name of permissionSets) {
    const set = matrix.permissionSets[name];
    if (!set) continue;
    for (const [object, access] of Object.entries(set.objects)) {
      if (!access.object.read) continue;
      const fields = granted.get(object) ?? new Map<string, FieldAccess>();
      for (const [field, level] of Object.entries(access.fields)) {
        if (rank[level] > rank[fields.get(field) ?? 'none']) fields.set(field, level);
      }
      granted.set(object, fields);
    }
  }
  return granted;
}

/** What the check needs of a connection: describe, as the user the connection runs as sees the object. */
export interface ObjectDescriber {
  describe(object: string): Promise<{ fields: { name: string; createable: boolean; updateable: boolean }[] }>;
}

/** Describes every granted object as the running user and lists what it cannot see or edit. */
export async function checkVisibility(
  conn: ObjectDescriber,
  permissionSets: string[],
  matrixFile?: string
): Promise<VisibilityReport> {
  const granted = grantedAccess(permissionSets, matrixFile);
  const objects: ObjectVisibility[] = [];
  let fieldsChecked = 0;
  for (const [object, fields] of granted) {
    let described: Awaited<ReturnType<ObjectDescriber['describe']>> | undefined;
    try {
      described = await conn.describe(object);
    } catch (error) {
      // NOT_FOUND / INVALID_TYPE: the user cannot see the object at all (or it is not deployed).
      if (
        !/NOT_FOUND|INVALID_TYPE|not found|does not exist/i.test(
          `${(error as { errorCode?: string }).errorCode ?? ''} ${(error as Error).message}`
        )
      ) {
        throw error;
      }
    }
    const wanted = [...fields].filter(([, level]) => level !== 'none');
    fieldsChecked += wanted.length;
    if (!described) {
      objects.push({ object, visible: false, missingFields: wanted.map(([field]) => field), readOnlyFields: [] });
      continue;
    }
    const byName = new Map(described.fields.map((field) => [field.name.toLowerCase(), field]));
    const missingFields = wanted.filter(([field]) => !byName.has(field.toLowerCase())).map(([field]) => field);
    const readOnlyFields = wanted
      .filter(([field, level]) => {
        const found = byName.get(field.toLowerCase());
        return level === 'edit' && found !== undefined && !found.createable && !found.updateable;
      })
      .map(([field]) => field);
    objects.push({ object, visible: true, missingFields, readOnlyFields });
  }
  return {
    permissionSets,
    objects,
    ok: objects.every(
      (object) => object.visible && object.missingFields.length === 0 && object.readOnlyFields.length === 0
    ),
    fieldsChecked
  };
}
