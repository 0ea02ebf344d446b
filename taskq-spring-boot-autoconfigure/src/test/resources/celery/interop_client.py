"""Python Celery client of the interop tests.

Usage: python3 interop_client.py '<json command>'. Prints one JSON line, the outcome, on stdout.
Commands (each may carry "conf": {Celery settings such as "task_queue_max_priority"}):
  {"op": "call", "task": name, "args": [...], "kwargs": {...}, "queue": q, "timeout": s,
   "options": {send_task options such as "countdown", "time_limit", "retries", "priority"},
   "datetimes": {"eta" or "expires": {"in": seconds from now, "utcoffset": minutes, or null for naive UTC}}}
    sends one task and waits for its outcome
  {"op": "send", "queue": q, "tasks": [{"task": name, "args": [...], "options": {...}}, ...]}
    sends tasks in order and returns their ids without waiting
  {"op": "read", "id": task_id}
  {"op": "store", "id": task_id, "state": "SUCCESS", "result": value}
  {"op": "store_failure", "id": task_id, "message": text}
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone

from celery import Celery
from celery.result import AsyncResult

app = Celery('interop_client', broker='amqp://guest:guest@127.0.0.1:5672//',
             backend='redis://127.0.0.1:6379/0')
app.conf.update(task_serializer='json', result_serializer='json', accept_content=['json'])


def describe_error(error):
    return {
        'type': type(error).__name__,
        'module': type(error).__module__,
        'args': [a if isinstance(a, (str, int, float, bool, type(None))) else repr(a) for a in error.args],
        'str': str(error),
    }


def describe_result(result):
    value = result.result
    return {
        'id': result.id,
        'state': result.state,
        'result': describe_error(value) if isinstance(value, BaseException) else value,
        'traceback': result.traceback,
        'date_done': result.date_done.isoformat() if result.date_done else None,
        'children': [child.id for child in (result.children or [])],
    }


def moment(spec):
    """A datetime `in` seconds from now, aware in the UTC offset given (minutes) or naive UTC without one,
    and its epoch milliseconds."""
    when = datetime.now(timezone.utc) + timedelta(seconds=spec['in'])
    epoch_ms = int(when.timestamp() * 1000)
    if spec.get('utcoffset') is None:
        return when.replace(tzinfo=None), epoch_ms
    return when.astimezone(timezone(timedelta(minutes=spec['utcoffset']))), epoch_ms


def main(command):
    op = command['op']
    app.conf.update(command.get('conf', {}))
    if op == 'call':
        options = dict(command.get('options', {}))
        times = {name: moment(spec) for name, spec in command.get('datetimes', {}).items()}
        options.update({name: when for name, (when, _) in times.items()})
        sent_ms = int(time.time() * 1000)
        # 'big_arg': n appends a string of n characters, built here rather than passed on the command line.
        args = command.get('args', []) + (['x' * command['big_arg']] if 'big_arg' in command else [])
        result = app.send_task(command['task'], args=args,
                               kwargs=command.get('kwargs', {}), queue=command['queue'], **options)
        sent = {'id': result.id, 'sent_ms': sent_ms}
        for name, (when, epoch_ms) in times.items():
            sent.update({name: when.isoformat(), name + '_ms': epoch_ms})
        try:
            return dict(sent, ok=result.get(timeout=command.get('timeout', 20)))
        except Exception as error:  # the remote failure, rebuilt by Celery
            return dict(sent, error=describe_error(error), traceback=result.traceback, state=result.state)
    if op == 'send':
        return {'ids': [app.send_task(task['task'], args=task.get('args', []), queue=command['queue'],
                                      **task.get('options', {})).id for task in command['tasks']]}
    if op == 'read':
        return describe_result(AsyncResult(command['id'], app=app))
    if op == 'store':
        app.backend.store_result(command['id'], command['result'], command.get('state', 'SUCCESS'))
        return {'id': command['id']}
    if op == 'store_failure':
        try:
            raise KeyError(command['message'])
        except KeyError as error:
            import traceback
            app.backend.mark_as_failure(command['id'], error, traceback=traceback.format_exc())
        return {'id': command['id']}
    raise ValueError('unknown op ' + op)


if __name__ == '__main__':
    print(json.dumps(main(json.loads(sys.argv[1]))), flush=True)
