#!/bin/sh
# An example worker command: `goalpost worker --assignee dev_worker1 --exec ./scripts/run-task.sh`.
# Goalpost runs it once per claimed task, with the task as one line of JSON on stdin and as
# GOALPOST_TASK_REF, _TITLE, _CATEGORY, _PROJECT, _REASONING and _ATTEMPT. Exit 0 marks the task
# done; any other exit fails it with the tail of stderr as the reason. This one does no real work:
# it says what it would do and appends a line to ./data/run-task.log. Put your agent's work here.
set -eu

task_json=$(cat)
log=./data/run-task.log
mkdir -p "$(dirname "$log")"
printf '%s\t%s\tattempt %s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$GOALPOST_TASK_REF" \
  "$GOALPOST_TASK_ATTEMPT" "$GOALPOST_TASK_TITLE" >>"$log"

echo "Would work on $GOALPOST_TASK_REF (attempt $GOALPOST_TASK_ATTEMPT): $GOALPOST_TASK_TITLE"
echo "  category $GOALPOST_TASK_CATEGORY, project ${GOALPOST_TASK_PROJECT:-none}"
echo "  why: $(printf '%s\n' "$GOALPOST_TASK_REASONING" | head -n 1)"
echo "  the task as JSON on stdin: $(printf '%s' "$task_json" | wc -c) bytes"
echo "Logged to $log."
