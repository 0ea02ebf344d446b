"""Python Celery client of the revoke tests: sends a revoke as Celery does, on the celery.pidbox broadcast.

Usage: python3 revoke_client.py '{"id": task_id, "terminate": bool, "destination": [nodename]}'.
Prints one JSON line, {"revoked": task_id}, on stdout.
"""
import json
import sys

from celery import Celery

app = Celery('revoke_client', broker='amqp://guest:guest@127.0.0.1:5672//')
app.conf.update(task_serializer='json', accept_content=['json'])

if __name__ == '__main__':
    command = json.loads(sys.argv[1])
    app.control.revoke(command['id'], terminate=command.get('terminate', False),
                       destination=command.get('destination'))
    print(json.dumps({'revoked': command['id']}), flush=True)
