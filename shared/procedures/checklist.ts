// Matching the papers of a dossier against its procedure's checklist of components.
import type { DocumentType } from '../classification';
import type { Component, Procedure } from './catalog';

export interface ChecklistDocument {
  id: string;
  /** null when the document still needs review: it satisfies nothing until confirmed. */
  type: DocumentType | null;
}

export interface ComponentMatch {
  component: Component;
  documentIds: string[];
  missing: number;
}

export interface ChecklistResult {
  complete: boolean;
  components: ComponentMatch[];
  /** Mandatory components not (fully) provided. */
  missingMandatory: Component[];
  /** Documents that satisfy no component (extra or misclassified). */
  unmatched: string[];
}

/**
 * Assigns documents to components. Components accepting fewer types are served first, so a
 * paper that could fill several (an "other" copy) goes where nothing else can.
 */
export function matchChecklist(
  procedure: Procedure,
  documents: readonly ChecklistDocument[],
): ChecklistResult {
  const free = new Map(documents.map((d) => [d.id, d]));
  const order = [...procedure.components].sort(
    (a, b) =>
      Number(b.mandatory) - Number(a.mandatory) || a.documentTypes.length - b.documentTypes.length,
  );
  const matched = new Map<string, ComponentMatch>();
  for (const component of order) {
    const ids: string[] = [];
    for (const doc of free.values()) {
      if (ids.length >= component.count) break;
      if (doc.type && component.documentTypes.includes(doc.type)) ids.push(doc.id);
    }
    for (const id of ids) free.delete(id);
    matched.set(component.id, {
      component,
      documentIds: ids,
      missing: component.count - ids.length,
    });
  }
  const components = procedure.components.map((c) => matched.get(c.id)!);
  const missingMandatory = components
    .filter((m) => m.component.mandatory && m.missing > 0)
    .map((m) => m.component);
  return {
    complete: missingMandatory.length === 0,
    components,
    missingMandatory,
    unmatched: [...free.keys()],
  };
}
