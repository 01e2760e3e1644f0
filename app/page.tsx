import { Workspace } from '@/components/workspace/Workspace';

/** The workspace: editor, graph, table and summary of one model. */
export default function Page() {
  return <Workspace />;
}
