"""Celery app of the interop tests: Python tasks a taskq client calls.

Started by the tests as ``python3 -m celery -A interop_worker worker -Q <unique queue> ...``.
"""
import os

from celery import Celery

app = Celery(
    'interop_worker',
    broker=os.environ.get('TASKQ_BROKER', 'amqp://guest:guest@127.0.0.1:5672//'),
    backend=os.environ.get('TASKQ_BACKEND', 'redis://127.0.0.1:6379/0'),
)
app.conf.update(
    task_serializer='json',
    result_serializer='json',
    accept_content=['json'],
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    worker_hijack_root_logger=False,
)


@app.task(name='py.multiply')
def multiply(a, b):
    return a * b


@app.task(name='py.fail')
def fail(message):
    raise ValueError(message)


@app.task(name='py.echo_request', bind=True)
def echo_request(self, *args, **kwargs):
    """Return what the worker understood of the message taskq sent."""
    request = self.request
    return {
        'args': list(args),
        'kwargs': kwargs,
        'id': request.id,
        'root_id': request.root_id,
        'parent_id': request.parent_id,
        'retries': request.retries,
        'timelimit': list(request.timelimit) if request.timelimit else None,
        'origin': request.origin,
        'argsrepr': request.argsrepr,
        'kwargsrepr': request.kwargsrepr,
        'eta': request.eta,
        'expires': request.expires,
        'group': request.group,
        'shadow': getattr(request, 'shadow', None),
        'delivery_info': {k: request.delivery_info.get(k) for k in ('exchange', 'routing_key', 'priority')},
    }
