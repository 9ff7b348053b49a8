"""The gateway: one process between people's channels and Rasa.

It owns everything channel-specific and the person-facing HTTP surface; Rasa only
sees its REST webhook on loopback. It also serves Rasa's custom actions in-process.
"""
