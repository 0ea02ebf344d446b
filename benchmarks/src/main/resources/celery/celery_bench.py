"""Celery app of the benchmark's Celery comparison (``--celery=true``): a no-op task returning its argument.

CeleryBenchmark extracts this file to a temporary directory and starts
``python3 -m celery -A celery_bench worker -Q <queue> --pool=prefork -c <concurrency> ...`` there. The broker,
the result backend, the result expiry and the prefetch multiplier come from environment variables, so the
worker uses the benchmark's RabbitMQ, Redis and settings.
"""
import os
import sys

import celery
from celery import Celery
from celery.signals import worker_ready

app = Celery(
    'celery_bench',
    broker=os.environ['TASKQ_BENCH_BROKER'],
    backend=os.environ['TASKQ_BENCH_BACKEND'],
)
app.conf.update(
    task_serializer='json',
    result_serializer='json',
    accept_content=['json'],
    task_acks_late=True,
    worker_prefetch_multiplier=int(os.environ['TASKQ_BENCH_PREFETCH_MULTIPLIER']),
    result_expires=int(os.environ['TASKQ_BENCH_RESULT_EXPIRES']),
)


@app.task(name='bench.celery.noop')
def noop(index):
    return index


@worker_ready.connect
def announce_ready(sender, **kwargs):
    # Celery's own "<node> ready." is logged at INFO, below the worker's log level; the benchmark waits for this
    # line instead and reads from it the node name to address remote-control commands to. Written to the real
    # stdout: the worker redirects sys.stdout to its logger.
    print(f'celery-bench ready {sender.hostname} {celery.__version__}', file=sys.__stdout__, flush=True)
