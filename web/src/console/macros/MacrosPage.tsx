import { TAG_COLORS } from '@contract/constants';
import type { Macro } from '@contract/macros';
import type { Tag } from '@contract/tags';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { useMacros, useTags } from '../../api/hooks';
import { desk } from '../../api/operations';
import { Loaded, ProblemAlert } from '../../components/Feedback';
import { TextField } from '../../components/FormFields';
import { ScrollRegion } from '../../components/ScrollRegion';
import { can, useSignedIn } from '../../session';
import { MacroEditor } from './MacroEditor';

/** The team's macros and one's own, and (for administrators) the tag list requests carry. */
export function MacrosPage() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const admin = can(principal, 'shareMacros');
  const client = useQueryClient();
  const macros = useMacros();
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (macroId: string) => desk.deleteMacro(macroId),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['macros'] }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('tools.macros')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('tools.newMacro')}</Button>
      </Group>
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      <Loaded query={macros}>
        {(data) => (
          <ScrollRegion>
            <Table striped data-testid="macro-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tools.macroTitle')}</Table.Th>
                  <Table.Th>{t('tools.macroReply')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((macro) => (
                  <Table.Tr key={macro.id} data-macro={macro.title}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {macro.title}
                      </Text>
                      <Badge size="xs" variant="outline" color={macro.shared ? 'blue.9' : 'gray.8'}>
                        {macro.shared ? t('tools.sharedMacro') : t('tools.personal')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
                        {macro.body}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {macro.mayEdit ? (
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="subtle" onClick={() => setEditing(macro)}>
                            {t('tools.edit')}
                          </Button>
                          {macro.purpose ? null : (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => remove.mutate(macro.id)}
                            >
                              {t('tools.delete')}
                            </Button>
                          )}
                        </Group>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </Loaded>
      {editing ? (
        <MacroEditor
          key={editing === 'new' ? 'new' : editing.id}
          macro={editing === 'new' ? null : editing}
          opened
          onClose={() => setEditing(null)}
          admin={admin}
        />
      ) : null}
      {admin ? <TagList /> : null}
    </Stack>
  );
}

function TagList() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tags = useTags();
  const [name, setName] = useState('');
  const [color, setColor] = useState<Tag['color']>('gray');
  const refresh = () => void client.invalidateQueries({ queryKey: ['tags'] });
  const create = useMutation({
    mutationFn: () => desk.createTag({ name, color }),
    onSuccess: () => {
      setName('');
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (tagId: string) => desk.deleteTag(tagId), onSuccess: refresh });
  const problem = create.error instanceof ApiProblem ? create.error : null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('tools.tags')}
      </Title>
      <Loaded query={tags} rows={2}>
        {(data) => (
          <Group gap="xs" mb="sm" data-testid="tag-list">
            {data.map((tag) => (
              <Badge
                key={tag.id}
                color={tag.color}
                variant="dot"
                rightSection={
                  <Button
                    size="compact-xs"
                    variant="transparent"
                    aria-label={t('tools.delete')}
                    onClick={() => remove.mutate(tag.id)}
                  >
                    ×
                  </Button>
                }
              >
                {tag.name}
              </Badge>
            ))}
          </Group>
        )}
      </Loaded>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
        noValidate
      >
        <Group align="flex-end">
          <TextField
            label={t('tools.tagName')}
            value={name}
            onChange={setName}
            error={problem?.forField('name')}
          />
          <Select
            label={t('tools.tagColor')}
            data={TAG_COLORS.map((value) => ({ value, label: value }))}
            value={color}
            onChange={(value) => value && setColor(value as Tag['color'])}
            w={140}
          />
          <Button type="submit" loading={create.isPending}>
            {t('tools.addTagToList')}
          </Button>
        </Group>
        {create.error && !problem?.forField('name') ? <ProblemAlert error={create.error} /> : null}
      </form>
    </Paper>
  );
}
